// The servers the capacity step loads, each with the processes whose CPU it is judged by and the
// way its viewers are opened: our engine (with a given media-plane size) and Janus's streaming
// plugin pulling the simulator's cameras over RTSP itself.
import { descendants } from '../process-tree.js';
import { startEngineProcess, type EngineProcess } from '../engine-process.js';
import type { BatchMaker, Viewer } from './load.js';
import type { ReceiverProcess } from './receiver-process.js';
import type { SimProcess } from './sim-process.js';
import fs from 'node:fs';

export interface ServerUnderTest {
  readonly label: string;
  readonly maker: BatchMaker;
  /** The server's processes now (a pool's workers and shards are children of the engine). */
  processes(): { name: string; pid: number }[];
  /** Between scenarios: let go of what the last one pulled (Janus pulls while a mountpoint exists). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const CAPACITY_PASSWORD = 'bench capacity password';
/** One batch is one socket with ≤ 16 watches (transports of 4: engine-viewers.ts); a person may hold 128 streams. */
const ENGINE_BATCH = 16;
const BATCHES_PER_USER = 8;
export const capacityUser = (i: number): string => `bench-capacity-${i + 1}`;

export function capacityUsers(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ username: capacityUser(i), displayName: capacityUser(i), role: 'operator', password: CAPACITY_PASSWORD }));
}

/** The process's name, as the kernel keeps it (15 characters: "mediasoup-worke"). */
function commOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

export async function startOurs(options: {
  label: string;
  sim: SimProcess;
  users: number;
  pool: { mediaWorkers?: number; ingestShards?: number };
}): Promise<ServerUnderTest> {
  const engine: EngineProcess = await startEngineProcess({
    cameras: options.sim.cameraIds.map((id, i) => ({
      id,
      name: `Capacity ${id}`,
      place: 'bench',
      category: 'market',
      lat: 26.45 + i * 1e-5,
      lon: 80.33,
      mainUrl: options.sim.url(id, 'main'),
      subUrl: options.sim.url(id, 'sub'),
      transport: 'tcp',
    })),
    users: capacityUsers(options.users),
    pullGraceMs: 500,
    pool: options.pool,
  });
  // Which user each open batch logs in as: a person's share is 16 sockets and 128 streams.
  const userOf = new Map<number, number>();
  const maker: BatchMaker = {
    batchSize: ENGINE_BATCH,
    spec: async (viewers, batchIndex) => {
      const taken = new Map<number, number>();
      for (const u of userOf.values()) taken.set(u, (taken.get(u) ?? 0) + 1);
      const user = Array.from({ length: options.users }, (_, i) => i).find((i) => (taken.get(i) ?? 0) < BATCHES_PER_USER);
      if (user === undefined) throw new Error(`more than ${options.users * BATCHES_PER_USER * ENGINE_BATCH} streams: add capacity users`);
      userOf.set(batchIndex, user);
      return { engine: { wsUrl: engine.wsUrl, username: capacityUser(user), password: CAPACITY_PASSWORD, streams: viewers } };
    },
    released: (batchIndex) => void userOf.delete(batchIndex),
  };
  return {
    label: options.label,
    maker,
    processes: () => [
      { name: 'engine', pid: engine.pid },
      ...descendants(engine.pid).map((pid) => ({ name: commOf(pid).startsWith('mediasoup-work') ? `worker ${pid}` : `shard ${pid}`, pid })),
    ],
    // Our engine ends an unwatched pull by itself after its grace.
    reset: () => new Promise((r) => setTimeout(r, 1000)),
    close: () => engine.close(),
  };
}

const JANUS_BATCH = 8;
const mountpointOf = (sim: SimProcess, v: Viewer): number => (v.stream === 'main' ? 10_000 : 20_000) + sim.cameraIds.indexOf(v.cameraId) + 1;

/**
 * Janus inside the bench's network namespace (netns.ts), started by the receiver process that
 * runs there with it, pulling the simulator that runs there too.
 */
export async function startJanusServer(receiver: ReceiverProcess, sim: SimProcess): Promise<ServerUnderTest> {
  const janus = await receiver.startJanus();
  const maker: BatchMaker = {
    batchSize: JANUS_BATCH,
    spec: async (viewers) => ({
      janus: { apiUrl: janus.apiUrl, viewers: viewers.map((v) => ({ mountpointId: mountpointOf(sim, v), url: sim.url(v.cameraId, v.stream) })) },
    }),
    released: () => undefined,
  };
  return {
    label: 'janus',
    maker,
    processes: () => [{ name: 'janus', pid: janus.pid }],
    // The receiver destroys a mountpoint with its last viewer.
    reset: () => Promise.resolve(),
    // Janus stops with its receiver process.
    close: () => Promise.resolve(),
  };
}
