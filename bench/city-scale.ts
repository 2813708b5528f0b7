// City scale: the engine with Kanpur's 5,000-camera inventory. Imports the generated inventory
// (demo/city-inventory.ts) into a fresh data dir through the real CSV import, then measures
//  - engine start (SiteEngine.create → resolved, demo off), in this process, empty vs 5,000;
//  - cameras.search over the WebSocket against an engine in its own process, with a query mix
//    modelled on an operator typing (one word, two words, category, empty, no match, …);
//  - the engine process's RSS with 5,000 registered cameras (and with none, for the difference);
//  - optionally, RSS and CPU with N cameras live: the simulator serves them and a pure-Node
//    client asks for them over the protocol (watch.start). No browser: nobody decodes, the
//    consumers' transport is never DTLS-connected, so this is the ingest side of the cost only
//    (RTSP pulls, producers, the engine's RTP handling), not forwarding to viewers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { generateCityInventory } from '../main/engine/node/demo/city-inventory.js';
import { importCameraInventory, parseCameraInventory } from '../main/engine/node/setup/camera-import.js';
import { SiteEngine } from '../main/engine/node/site-engine.js';
import { CameraRepo } from '../main/engine/node/store/camera-repo.js';
import { openDatabase } from '../main/engine/node/store/database.js';
import { EngineStores } from '../main/engine/node/store/engine-stores.js';
import { KeyFileSource, SecretBox } from '../main/engine/node/store/secret-box.js';
import { forkEngineHost, type HostReady } from './engine-process.js';
import { measureCpu } from './proc-cpu.js';
import { startSimFarm, type SimFarm } from './sim-farm.js';
import { latency, round, spread, type Latency, type Spread } from './stats.js';
import { BENCH_PASSWORD, OBSERVER_USER, benchUsers } from './bench-users.js';

export interface CityScaleOptions {
  /** Cameras in the inventory (default 5,000). */
  cameras?: number;
  /** SiteEngine starts per data dir (default 5). */
  startRuns?: number;
  /** Searches over the WebSocket (default 600, after 60 warm-up ones). */
  searches?: number;
  /** Cameras to pull live for the memory figure (default 64; 0 skips it). */
  liveCameras?: number;
  liveStream?: 'main' | 'sub';
}

export interface CityScaleResult {
  cameras: number;
  import: { ms: number; rows: number; inserted: number; errors: number; reimportMs: number; reimportUnchanged: number };
  /** SiteEngine.create → resolved, in-process, demo off. */
  startMs: { empty: Spread; city: Spread };
  /** fork → ready of an engine process with the city (Node and tsx start included). */
  processStartMs: number;
  /** cameras.search round trips over the WebSocket, all queries together. */
  searchMs: Latency;
  searchMsByKind: Record<string, Latency>;
  /** CameraRepo.search alone, in-process, the same mix. */
  repoSearchMs: Latency;
  /** Engine process RSS right after start, empty and with the city; then after the searches. */
  rssMiB: { engineEmpty: number; engineCity: number; engineCityAfterSearch: number; workerCity: number };
  live?: {
    cameras: number;
    stream: 'main' | 'sub';
    live: number;
    allLiveMs: number;
    engineRssMiB: number;
    workerRssMiB: number;
    engineCpu: number;
    workerCpu: number;
  };
  notes: string[];
}

interface Query {
  kind: string;
  params: { text: string; category?: string; limit: number };
}

const LIMIT = 200; // the console's page (renderer/browser/console/use-camera-search.ts)

/** What operators type: localities, bank names, two words, a category chip, an empty box, typos. */
function queryMix(): Query[] {
  const q = (kind: string, text: string, category?: string): Query => ({ kind, params: { text, ...(category ? { category } : {}), limit: LIMIT } });
  return [
    ...['sbi', 'kakadeo', 'hospital', 'swaroop', 'hdfc', 'gate', 'upsrtc', 'panki'].map((t) => q('one word', t)),
    ...['swaroop nagar', 'atm parade', 'hotel civil', 'pnb ghantaghar', 'indian oil', 'market gate'].map((t) => q('two words', t)),
    ...['atm', 'bank', 'hospital', 'petrol_pump'].map((c) => q('category', '', c)),
    ...[['sbi', 'atm'], ['kidwai', 'market'], ['lobby', 'hotel']].map(([t, c]) => q('category + word', t!, c)),
    q('empty', ''),
    q('empty', ''),
    ...['ka', 'sb', 'ma'].map((t) => q('prefix', t)),
    ...['xyzzy', 'swarop nagr'].map((t) => q('no match', t)),
    q('three words', 'sbi atm swaroop'),
  ];
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return round(kb / 1024);
}

/** A protocol client with the bench's observer logged in. */
async function loggedIn(wsUrl: string, onEvent?: Parameters<typeof WsClient.connect>[1]): Promise<WsClient> {
  const client = await WsClient.connect(wsUrl, onEvent);
  await client.request('session.login', { username: OBSERVER_USER, password: BENCH_PASSWORD });
  return client;
}

/** The one person the step logs in as (searching and watching need a login), written before any start is timed. */
async function addObserver(dataDir: string): Promise<void> {
  const stores = await EngineStores.open(dataDir);
  try {
    for (const user of benchUsers([]).filter((u) => u.username === OBSERVER_USER)) await stores.users.upsert(user);
  } finally {
    stores.close();
  }
}

/** bench/engine-host.ts on a prepared data dir (the cameras and the observer are already in its store). */
async function startHost(dataDir: string): Promise<{ ready: HostReady; startMs: number; close(): Promise<void> }> {
  const started = performance.now();
  const host = await forkEngineHost({ dataDir, pullGraceMs: 1000, cameras: [] });
  return { ready: host.ready, startMs: performance.now() - started, close: host.close };
}

/** The smallest protocol client: requests by id, events to a callback. */
class WsClient {
  private nextId = 1;
  private readonly pending = new Map<number, (frame: { ok: boolean; result?: unknown; error?: { message: string } }) => void>();

  static async connect(url: string, onEvent: (event: string, data: Record<string, unknown>) => void = () => {}): Promise<WsClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new WsClient(ws, onEvent);
  }

  private constructor(
    private readonly ws: WebSocket,
    onEvent: (event: string, data: Record<string, unknown>) => void,
  ) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString());
      if (typeof frame.id === 'number') {
        this.pending.get(frame.id)?.(frame);
        this.pending.delete(frame.id);
      } else if (frame.event) {
        onEvent(frame.event, frame.data);
      }
    });
  }

  request<T = Record<string, unknown>>(method: string, params: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (frame) => (frame.ok ? resolve(frame.result as T) : reject(new Error(`${method}: ${frame.error?.message}`))));
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

async function timeStarts(dataDir: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const engine = await SiteEngine.create({ dataDir, port: 0, demo: false });
    times.push(performance.now() - started);
    await engine.close();
  }
  return times;
}

/**
 * Pulls `ids` live through one protocol client that never connects its transport: the engine and
 * worker take every packet in, the worker's consumers send nothing (no DTLS peer).
 */
async function pullLive(
  wsUrl: string,
  pids: { engine: number; worker: number },
  ids: string[],
  stream: 'main' | 'sub',
): Promise<NonNullable<CityScaleResult['live']>> {
  const live = new Set<string>();
  let allLive: () => void = () => {};
  const everyoneLive = new Promise<void>((resolve) => (allLive = resolve));
  const resumes: Promise<unknown>[] = [];
  const client: WsClient = await loggedIn(wsUrl, (event, data) => {
    if (event === 'watch.state' && data.state === 'live') {
      live.add(String(data.cameraId));
      if (live.size === ids.length) allLive();
    }
    // Resume as a page does once its consumer exists: only then does the engine send the
    // camera's packets on into the worker (a stream nobody resumed is held back in the engine).
    if (event === 'watch.consumer') resumes.push(client.request('watch.resume', { watchId: data.watchId }));
  });
  try {
    const { rtpCapabilities } = await client.request('media.routerCapabilities');
    const transport = await client.request('media.createRecvTransport');
    const started = performance.now();
    for (const cameraId of ids) await client.request('watch.start', { transportId: transport.id, cameraId, stream, rtpCapabilities });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([everyoneLive, new Promise((r) => (timer = setTimeout(r, 60_000)))]);
    clearTimeout(timer);
    const allLiveMs = performance.now() - started;
    await Promise.all(resumes);
    await new Promise((r) => setTimeout(r, 3000)); // past the first keyframes and buffers
    const cpu = await measureCpu(pids, 5000);
    return {
      cameras: ids.length,
      stream,
      live: live.size,
      allLiveMs: round(allLiveMs),
      engineRssMiB: rssMiB(pids.engine),
      workerRssMiB: rssMiB(pids.worker),
      engineCpu: round(cpu.engine!.fine, 3),
      workerCpu: round(cpu.worker!.fine, 3),
    };
  } finally {
    client.close();
  }
}

/** Kanpur's inventory, the figure. */
export const CITY_CAMERAS = 5000;
export const SEARCH_TARGET_P99_MS = 20;
export const START_TARGET_MS = 2000;

export async function measureCityScale(log: (line: string) => void, options: CityScaleOptions = {}): Promise<CityScaleResult> {
  const count = options.cameras ?? CITY_CAMERAS;
  const liveCount = Math.min(options.liveCameras ?? 64, 64);
  const stream = options.liveStream ?? 'sub';
  const notes: string[] = [];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-city-'));
  const emptyDir = path.join(root, 'empty');
  const cityDir = path.join(root, 'city');
  let farm: SimFarm | undefined;
  try {
    // The live cameras are the inventory's own first cameras, served by the simulator under
    // their ids; the inventory's URLs point at the simulator (ids do not depend on the host).
    let host = '127.0.0.1:8554';
    let liveIds: string[] = [];
    if (liveCount > 0) {
      liveIds = parseCameraInventory(generateCityInventory({ count }).csv)
        .records.filter((r) => stream === 'main' || r.record.subUrl)
        .slice(0, liveCount)
        .map((r) => r.record.id);
      farm = await startSimFarm(liveIds.map((id) => ({ id, gopS: 2 as const })));
      host = new URL(farm.simulator.url(liveIds[0]!, 'main')).host;
    }
    const city = generateCityInventory({ count, host });

    log(`city scale: importing ${count} cameras…`);
    const secrets = await SecretBox.create(KeyFileSource.inDataDir(cityDir));
    const db = openDatabase(path.join(cityDir, 'engine.sqlite'));
    const repo = CameraRepo.open(db, secrets);
    let t = performance.now();
    const report = importCameraInventory(repo, city.csv);
    const importMs = performance.now() - t;
    t = performance.now();
    const again = importCameraInventory(repo, city.csv);
    const reimportMs = performance.now() - t;
    const queries = queryMix();
    const repoTimes: number[] = [];
    for (let pass = 0; pass < 20; pass++) {
      for (const query of queries) {
        const s = performance.now();
        repo.search(query.params as Parameters<CameraRepo['search']>[0]);
        if (pass > 0) repoTimes.push(performance.now() - s);
      }
    }
    db.close();

    log('city scale: engine start times…');
    fs.mkdirSync(emptyDir);
    const runs = options.startRuns ?? 5;
    const startEmpty = await timeStarts(emptyDir, runs);
    const startCity = await timeStarts(cityDir, runs);

    log('city scale: cameras.search over the WebSocket…');
    await addObserver(emptyDir);
    await addObserver(cityDir);
    const emptyHost = await startHost(emptyDir);
    const engineEmpty = rssMiB(emptyHost.ready.pid);
    await emptyHost.close();
    const cityHost = await startHost(cityDir);
    let live: CityScaleResult['live'];
    const byKind = new Map<string, number[]>();
    const all: number[] = [];
    const engineCity = rssMiB(cityHost.ready.pid);
    let engineCityAfterSearch: number;
    let workerCity: number;
    try {
      const client = await loggedIn(cityHost.ready.wsUrl);
      try {
        const searches = options.searches ?? 600;
        for (let i = 0; i < searches + 60; i++) {
          const query = queries[i % queries.length]!;
          const s = performance.now();
          await client.request('cameras.search', query.params);
          const ms = performance.now() - s;
          if (i < 60) continue; // warm-up: JIT and statement caches
          all.push(ms);
          byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), ms]);
        }
      } finally {
        client.close();
      }
      engineCityAfterSearch = rssMiB(cityHost.ready.pid);
      workerCity = rssMiB(cityHost.ready.workerPid);
      if (farm) {
        log(`city scale: ${liveIds.length} cameras live (${stream} streams, no viewers decoding)…`);
        live = await pullLive(cityHost.ready.wsUrl, { engine: cityHost.ready.pid, worker: cityHost.ready.workerPid }, liveIds, stream);
        if (live.live < live.cameras) notes.push(`only ${live.live} of ${live.cameras} cameras went live within 60 s`);
      } else {
        notes.push('live cameras skipped (liveCameras: 0)');
      }
    } finally {
      await cityHost.close();
    }
    return {
      cameras: count,
      import: {
        ms: round(importMs),
        rows: report.rows,
        inserted: report.inserted,
        errors: report.errors.length,
        reimportMs: round(reimportMs),
        reimportUnchanged: again.unchanged,
      },
      startMs: { empty: spread(startEmpty), city: spread(startCity) },
      processStartMs: round(cityHost.startMs),
      searchMs: latency(all),
      searchMsByKind: Object.fromEntries([...byKind].map(([kind, values]) => [kind, latency(values)])),
      repoSearchMs: latency(repoTimes),
      rssMiB: { engineEmpty, engineCity, engineCityAfterSearch, workerCity },
      ...(live ? { live } : {}),
      notes,
    };
  } finally {
    await farm?.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
