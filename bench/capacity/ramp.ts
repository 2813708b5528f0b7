// One capacity series: load steps up (more streams, or more viewers of one camera) until a step
// fails, then (if asked) one step between the last that held and the first that failed. A step
// fails on loss over 0.5 %, a delivered frame rate under 95 % of the source's, or a server process
// with a thread at a whole core. A receiver or simulator thread near a core ends the series too,
// but says so: what failed then is the bench, not the server.
import os from 'node:os';
import { round } from '../stats.js';
import { Load, type Viewer } from './load.js';
import type { CountsReport, ReceiverProcess } from './receiver-process.js';
import type { ServerUnderTest } from './servers.js';
import type { SimProcess } from './sim-process.js';
import { lossBetween, type StreamCounts } from './stream-counter.js';
import { machineBusy, processCpu, sampleProcess, type ProcessCpu, type ProcessSample } from './thread-cpu.js';

export type Scenario = 'sub' | 'main' | '1xN';
export const SCENARIOS: Record<Scenario, string> = { sub: 'sub streams × 1 viewer', main: 'main streams × 1 viewer', '1xN': '1 camera (main) × N viewers' };

export const SOURCE_FPS = 25;
export const MAX_LOSS = 0.005;
export const MIN_FPS_SHARE = 0.95;
/** A thread this busy (CPU-s/s) is a saturated single-threaded part. */
export const SATURATED = 0.9;
/**
 * The bench's own parts count as saturated a little earlier: a receiver whose one JavaScript
 * thread runs at 0.8 already drops packets in the bursts it cannot drain, and that loss is not the server's.
 */
export const BENCH_PART_SATURATED = 0.8;

export type Verdict = 'pass' | 'loss' | 'frame rate' | 'server saturated' | 'receiver saturated' | 'simulator saturated' | 'open failed';

export interface CapacityPoint {
  streams: number;
  cameras: number;
  verdict: Verdict;
  why?: string;
  /** A step whose first window failed is measured again; this was the first window's verdict. */
  firstWindow?: { verdict: Verdict; why?: string };
  /** Seconds to open this step's new viewers and see a frame on every stream. */
  settleS: number;
  lossPct: number;
  fps: { mean: number; min: number };
  /** Payload delivered to all receivers, Mbit/s. */
  mbps: number;
  /** The server's processes (engine + workers + shards, or Janus): CPU-s/s, and per stream. */
  server: { cpu: number; perStream: number; processes: ProcessCpu[] };
  receiver: ProcessCpu;
  simulator: ProcessCpu;
  /** Busy cores of the whole machine over the window. */
  machineCores: number;
}

export interface CapacitySeries {
  server: string;
  scenario: Scenario;
  points: CapacityPoint[];
  /** The most streams a step held (0: not even the first). */
  most: number;
  /**
   * What ended the series: a server limit, the whole machine busy (≥ 95 % of its cores: server,
   * receiver and simulator together), the bench's own parts, or the end of the step list.
   */
  endedBy: 'server' | 'machine' | 'receiver' | 'simulator' | 'steps';
}

export interface RampOptions {
  server: ServerUnderTest;
  receiver: ReceiverProcess;
  sim: SimProcess;
  scenario: Scenario;
  steps: number[];
  bisect: boolean;
  windowMs: number;
  log: (line: string) => void;
}

export function viewersFor(scenario: Scenario, n: number, cameraIds: string[]): Viewer[] {
  if (scenario === '1xN') return Array.from({ length: n }, () => ({ cameraId: cameraIds[0]!, stream: 'main' as const }));
  return cameraIds.slice(0, n).map((cameraId) => ({ cameraId, stream: scenario }));
}

/** Long enough for the next key frame (2 s GOP) and a busy engine's answers; a stream still silent then counts at 0 frames/s. */
const SETTLE_MAX_MS = 5000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function streamsOf(report: CountsReport, load: Load): StreamCounts[][] {
  return load.open.map((b) => report.batches[b.id] ?? []);
}

/** Waits until every open stream has delivered a frame (forwarding starts at a key frame). */
async function settled(receiver: ReceiverProcess, load: Load, since: number): Promise<void> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  for (let after = since; Date.now() < deadline; ) {
    const report = await receiver.countsAfter(after);
    after = report.at;
    const streams = streamsOf(report, load);
    if (streams.every((s, i) => s.length === load.open[i]!.viewers.length && s.every((c) => c.frames > 0))) return;
  }
}

function sampleAll(pids: { name: string; pid: number }[]): Map<string, ProcessSample> {
  const out = new Map<string, ProcessSample>();
  for (const { name, pid } of pids) {
    try {
      out.set(name, sampleProcess(pid));
    } catch {
      // the process went between listing and reading
    }
  }
  return out;
}

/**
 * Opens the step's viewers and measures it. A failing window is measured once more before the
 * step counts as failed: other work on the machine can spoil one window, rarely two in a row.
 */
async function measureStep(o: RampOptions, load: Load, streams: number): Promise<CapacityPoint> {
  const viewers = viewersFor(o.scenario, streams, o.sim.cameraIds);
  const started = Date.now();
  let openError: string | undefined;
  try {
    await load.set(viewers);
    await settled(o.receiver, load, Date.now());
  } catch (error) {
    openError = error instanceof Error ? error.message : String(error);
  }
  const settleS = round((Date.now() - started) / 1000, 1);
  const point = await measureWindow(o, load, viewers, settleS, openError);
  if (point.verdict === 'pass' || openError) return point;
  return { ...(await measureWindow(o, load, viewers, settleS, undefined)), firstWindow: { verdict: point.verdict, why: point.why } };
}

async function measureWindow(o: RampOptions, load: Load, viewers: Viewer[], settleS: number, openError: string | undefined): Promise<CapacityPoint> {
  const streams = viewers.length;
  // A fresh report on either side of the window; the CPU readings sit inside the same window.
  const first = await o.receiver.countsAfter(Date.now());
  const parts = [...o.server.processes(), { name: 'receiver', pid: o.receiver.pid }, { name: 'simulator', pid: o.sim.pid }];
  const before = sampleAll(parts);
  const busy = machineBusy();
  await sleep(o.windowMs);
  const last = await o.receiver.countsAfter(Date.now());
  const after = sampleAll(parts);
  const machineCores = round(busy(), 2);
  const cpu = new Map([...after].filter(([name]) => before.has(name)).map(([name, a]) => [name, processCpu(name, before.get(name)!, a)]));
  const windowS = (last.at - first.at) / 1000;
  const pairs = load.open.flatMap((b) => (last.batches[b.id] ?? []).map((a, i) => ({ a, b: first.batches[b.id]?.[i] })));
  const measured = pairs.filter((p): p is { a: StreamCounts; b: StreamCounts } => p.b !== undefined);
  const expected = measured.reduce((s, p) => s + p.a.expected - p.b.expected, 0);
  const lost = measured.reduce((s, p) => s + lossBetween(p.b, p.a) * (p.a.expected - p.b.expected), 0);
  const fpsEach = measured.map((p) => (p.a.frames - p.b.frames) / windowS);
  // A viewer that has no stream yet counts as a stream at 0 frames/s.
  while (fpsEach.length < viewers.length) fpsEach.push(0);
  const serverParts = [...cpu.values()].filter((p) => p.name !== 'receiver' && p.name !== 'simulator');
  const serverCpu = serverParts.reduce((s, p) => s + p.cpu, 0);
  const point: CapacityPoint = {
    streams,
    cameras: new Set(viewers.map((v) => v.cameraId)).size,
    verdict: 'pass',
    settleS,
    lossPct: round(expected > 0 ? (100 * lost) / expected : 0, 3),
    fps: { mean: round(fpsEach.reduce((s, f) => s + f, 0) / Math.max(1, fpsEach.length), 2), min: round(Math.min(...fpsEach), 2) },
    mbps: round((measured.reduce((s, p) => s + p.a.bytes - p.b.bytes, 0) * 8) / windowS / 1e6, 2),
    server: { cpu: round(serverCpu, 4), perStream: round(serverCpu / streams, 5), processes: serverParts.map(roundCpu) },
    receiver: roundCpu(cpu.get('receiver')!),
    simulator: roundCpu(cpu.get('simulator')!),
    machineCores,
  };
  judge(point, openError);
  return point;
}

function roundCpu(p: ProcessCpu): ProcessCpu {
  return { ...p, cpu: round(p.cpu, 4), busiest: { name: p.busiest.name, cpu: round(p.busiest.cpu, 3) } };
}

function judge(point: CapacityPoint, openError: string | undefined): void {
  const fail = (verdict: Verdict, why: string): void => {
    point.verdict = verdict;
    point.why = why;
  };
  const hot = point.server.processes.find((p) => p.busiest.cpu >= SATURATED);
  if (openError) fail('open failed', openError);
  else if (point.receiver.busiest.cpu >= BENCH_PART_SATURATED) fail('receiver saturated', `receiver thread ${point.receiver.busiest.name} at ${point.receiver.busiest.cpu}`);
  else if (point.simulator.busiest.cpu >= BENCH_PART_SATURATED) fail('simulator saturated', `simulator thread ${point.simulator.busiest.name} at ${point.simulator.busiest.cpu}`);
  else if (point.lossPct > MAX_LOSS * 100) fail('loss', `${point.lossPct} % lost`);
  else if (point.fps.mean < MIN_FPS_SHARE * SOURCE_FPS) fail('frame rate', `${point.fps.mean} frames/s of ${SOURCE_FPS}`);
  else if (hot) fail('server saturated', `${hot.name} thread ${hot.busiest.name} at ${hot.busiest.cpu}`);
}

export function pointLine(server: string, scenario: Scenario, p: CapacityPoint): string {
  const hottest = [...p.server.processes].sort((a, b) => b.busiest.cpu - a.busiest.cpu)[0];
  return (
    `  ${server.padEnd(10)} ${scenario.padEnd(4)} ${String(p.streams).padStart(4)} streams: ${p.server.cpu.toFixed(3)} CPU-s/s → ` +
    `${p.server.perStream.toFixed(5)} per stream; loss ${p.lossPct} %, ${p.fps.mean} fps (min ${p.fps.min}), ${p.mbps} Mbit/s; ` +
    `busiest ${hottest ? `${hottest.name}/${hottest.busiest.name} ${hottest.busiest.cpu}` : '-'}; receiver ${p.receiver.cpu.toFixed(2)}, ` +
    `sim ${p.simulator.cpu.toFixed(2)}, machine ${p.machineCores} cores; ${p.verdict === 'pass' ? 'ok' : `FAIL ${p.verdict} (${p.why})`}` +
    (p.firstWindow ? ` [2nd window; the 1st: ${p.firstWindow.verdict}]` : '')
  );
}

const MACHINE_BUSY = 0.95;

function endedBy(p: CapacityPoint): CapacitySeries['endedBy'] {
  if (p.verdict === 'receiver saturated') return 'receiver';
  if (p.verdict === 'simulator saturated') return 'simulator';
  return p.verdict !== 'server saturated' && p.machineCores >= MACHINE_BUSY * os.cpus().length ? 'machine' : 'server';
}

export async function ramp(o: RampOptions): Promise<CapacitySeries> {
  const load = new Load(o.receiver, o.server.maker);
  const points: CapacityPoint[] = [];
  const step = async (streams: number): Promise<CapacityPoint> => {
    const point = await measureStep(o, load, streams);
    points.push(point);
    o.log(pointLine(o.server.label, o.scenario, point));
    return point;
  };
  let most = 0;
  let failed: CapacityPoint | undefined;
  try {
    for (const streams of o.steps) {
      const point = await step(streams);
      if (point.verdict !== 'pass') {
        failed = point;
        break;
      }
      most = streams;
    }
    const between = failed && Math.round((most + failed.streams) / 2);
    if (o.bisect && failed && (endedBy(failed) === 'server' || endedBy(failed) === 'machine') && between !== undefined && between > most && between < failed.streams) {
      const point = await step(between);
      if (point.verdict === 'pass') most = between;
    }
  } finally {
    await load.clear();
    await o.server.reset();
  }
  return { server: o.server.label, scenario: o.scenario, points, most, endedBy: failed ? endedBy(failed) : 'steps' };
}
