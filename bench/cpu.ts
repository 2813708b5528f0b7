// Forwarding CPU per consumer stream: the mediasoup worker plus the engine process (whose steady
// work is the RTSP ingest: reading, rewriting and handing RTP to the worker), sampled from /proc
// over a fixed window once every tile is live, (a) one camera to N viewers, (b) M cameras to one
// viewer each. Chromium's own CPU is not counted. Latency is read over the same windows.
import type { Page } from 'playwright-core';
import { exactSendTimes, summarizeLatency, type LatencySummary } from './latency.js';
import { measureCpu, type ServerCpu } from './proc-cpu.js';
import { setRecording, takeVideos, type ProbeVideo } from './probe.js';
import type { SendLog } from './send-log.js';
import { round, slope } from './stats.js';
import type { WallPages } from './wall-pages.js';

export interface CpuWindow {
  warmupMs: number;
  windowMs: number;
}

export interface ForwardingPoint {
  scenario: '1xN' | 'Mx1';
  cameras: number;
  streams: number;
  /** CPU seconds per second. */
  worker: number;
  engine: number;
  total: number;
  /** total / streams: what one consumer stream costs, the camera's ingest shared among its viewers. */
  perStream: number;
  latency: LatencySummary;
}

export interface ForwardingSeries {
  scenario: '1xN' | 'Mx1';
  /** How the engine pulled the cameras over RTSP. */
  transport: 'tcp' | 'udp';
  points: ForwardingPoint[];
  /** Least-squares slope of total CPU over streams: the cost of one more consumer stream. */
  marginalPerStream: number;
  /** The same for the worker alone (for 1xN the engine's ingest does not grow with viewers). */
  marginalWorkerPerStream: number;
}

export interface ServerPids {
  engine: number;
  worker: number;
  /** The ingest shard: counted with the engine, whose RTSP pulls it runs. */
  shard: number;
}

async function framesFrom(pages: Page[]): Promise<ProbeVideo[]> {
  return (await Promise.all(pages.map((p) => takeVideos(p)))).flat();
}

/** Measures the servers' CPU (and latency) with the wall as it is now. */
export async function measureWindow(
  walls: WallPages,
  pids: ServerPids,
  sendLog: SendLog,
  window: CpuWindow,
): Promise<ServerCpu & { latency: LatencySummary }> {
  await new Promise((r) => setTimeout(r, window.warmupMs));
  const pages = [...walls.pages.values()];
  await setRecording(pages, true);
  const cpu = await measureCpu({ worker: pids.worker, engine: pids.engine, shard: pids.shard }, window.windowMs);
  await setRecording(pages, false);
  const latency = summarizeLatency(await framesFrom(pages), exactSendTimes(sendLog));
  return { worker: cpu.worker!.fine, engine: cpu.engine!.fine + cpu.shard!.fine, latency };
}

export async function measureForwarding(options: {
  scenario: '1xN' | 'Mx1';
  transport: 'tcp' | 'udp';
  steps: number[];
  cameraIds: string[];
  walls: WallPages;
  pids: ServerPids;
  sendLog: SendLog;
  window: CpuWindow;
  log: (line: string) => void;
}): Promise<ForwardingSeries> {
  const { scenario, walls } = options;
  const points: ForwardingPoint[] = [];
  for (const streams of options.steps) {
    const tiles = Array.from({ length: streams }, (_, i) => (scenario === '1xN' ? options.cameraIds[0]! : options.cameraIds[i]!));
    await walls.spread(tiles);
    await walls.waitLive(streams, 30_000);
    const m = await measureWindow(walls, options.pids, options.sendLog, options.window);
    const total = m.worker + m.engine;
    const point: ForwardingPoint = {
      scenario,
      cameras: new Set(tiles).size,
      streams,
      worker: round(m.worker, 4),
      engine: round(m.engine, 4),
      total: round(total, 4),
      perStream: round(total / streams, 5),
      latency: m.latency,
    };
    points.push(point);
    options.log(
      `  ${scenario} ${options.transport} ${String(streams).padStart(2)} streams: worker ${point.worker.toFixed(4)} + ` +
        `engine ${point.engine.toFixed(4)} CPU-s/s → ${point.perStream.toFixed(5)} per stream; ` +
        `latency p50 ${m.latency.toPresented.p50} ms`,
    );
  }
  await walls.spread([]);
  return {
    scenario,
    transport: options.transport,
    points,
    marginalPerStream: round(slope(points.map((p) => ({ x: p.streams, y: p.total }))), 5),
    marginalWorkerPerStream: round(slope(points.map((p) => ({ x: p.streams, y: p.worker }))), 5),
  };
}
