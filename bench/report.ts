// The bench's results as one JSON document and as the compact table printed at the end.
import { FLOOD_TARGET_P99_MS, type FloodResult } from './flood.js';
import type { ForwardingSeries } from './cpu.js';
import { renderInstant, type InstantResult } from './instant.js';
import type { JanusResult } from './janus/side-by-side.js';
import type { LatencySummary } from './latency.js';
import { machineLine, type MachineInfo } from './machine.js';
import type { BenchPlan } from './plan.js';
import { describeCallMedia, type CallsResult } from './calls.js';
import { SEARCH_TARGET_P99_MS, START_TARGET_MS, type CityScaleResult } from './city-scale.js';
import { renderCapacity, type CapacityResult } from './capacity/capacity.js';
import { renderDecodeWall, type DecodeWallResult } from './decode-wall.js';
import type { PressToRingResult } from './press-to-ring.js';
import type { ServerCpu } from './proc-cpu.js';

export const LATENCY_TARGET_P50_MS = 150;

export interface BenchResults {
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  plan: BenchPlan;
  clock: { pageSkewMs: number; roundTripMs: number };
  idle: ServerCpu;
  forwarding: ForwardingSeries[];
  /** One camera, one viewer: the headline latency. */
  latency: LatencySummary & { targetP50Ms: number; pass: boolean };
  instant: InstantResult;
  janus: JanusResult;
  /** Our engine pulling over RTSP/UDP at the Janus steps (full runs). */
  oursOverUdp: ForwardingSeries | undefined;
  pressToRing: PressToRingResult;
  /** A second console's latency while one key and one socket flood the engine. */
  flood: FloodResult;
  calls: CallsResult;
  cityScale: CityScaleResult;
  /** Decoded megapixels per second per wall display against its decode budget. */
  decodeWall: DecodeWallResult;
  /** Streams one machine carries at real camera rates: ours single and pooled, and Janus. */
  capacity: CapacityResult;
  notes: string[];
}

const f = (v: number, d: number): string => (Number.isFinite(v) ? v.toFixed(d) : '—');
const pct = (s: { p50: number; p95: number }): string => `${f(s.p50, 0)}/${f(s.p95, 0)}`;
const pad = (s: string | number, n: number): string => String(s).padStart(n);

export function renderTable(r: BenchResults): string {
  const out: string[] = [];
  out.push(`machine: ${machineLine(r.machine)}`);
  out.push(
    `run: ${r.plan.quick ? '--quick' : 'full'}, ${r.durationS.toFixed(0)} s; CPU window ${r.plan.cpuWindow.windowMs / 1000} s after ` +
      `${r.plan.cpuWindow.warmupMs / 1000} s warm-up; page clock vs bench clock ${f(r.clock.pageSkewMs, 1)} ms ` +
      `(±${f(r.clock.roundTripMs / 2, 1)} ms)`,
  );
  out.push('');
  out.push(
    '1. forwarding CPU (CPU-s per s of the mediasoup worker + the engine process; Chromium not counted)' +
      (r.plan.quick ? ' — quick run: short windows, expect ±0.01 noise' : ''),
  );
  out.push(`   idle (no pulls): worker ${f(r.idle.worker, 4)}, engine ${f(r.idle.engine, 4)}`);
  out.push('   scenario          streams   worker   engine    total  per stream  latency p50/p95 ms (recv | presented)');
  for (const s of r.forwarding) {
    for (const p of s.points) {
      const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
      const name = s.scenario === '1xN' ? `1 cam × ${plural(p.streams, 'viewer')}` : `${plural(p.cameras, 'cam')} × 1 viewer`;
      out.push(
        `   ${name.padEnd(18)}${pad(p.streams, 6)}  ${pad(f(p.worker, 4), 7)}  ${pad(f(p.engine, 4), 7)}  ${pad(f(p.total, 4), 7)}` +
          `  ${pad(f(p.perStream, 5), 10)}  ${pct(p.latency.toReceive)} | ${pct(p.latency.toPresented)}` +
          (p.latency.unmatched ? ` (${p.latency.unmatched} frames unmapped)` : ''),
      );
    }
    if (s.points.length < 3) continue; // two short windows make a slope of noise
    out.push(
      `   ${s.scenario}: marginal CPU of one more stream (least-squares slope): total ${f(s.marginalPerStream, 5)}, ` +
        `worker alone ${f(s.marginalWorkerPerStream, 5)} CPU-s/s`,
    );
  }
  out.push('');
  const l = r.latency;
  out.push(
    `2. latency, simulator send → Chromium (1 camera, 1 viewer, ${l.toPresented.n} frames): to receive p50 ${f(l.toReceive.p50, 1)} / ` +
      `p95 ${f(l.toReceive.p95, 1)} ms; to presented frame p50 ${f(l.toPresented.p50, 1)} / p95 ${f(l.toPresented.p95, 1)} ms; ` +
      `to expected display p50 ${f(l.toDisplay.p50, 1)} ms — target p50 ≤ ${l.targetP50Ms} ms: ${l.pass ? 'PASS' : 'MISS'}`,
  );
  out.push('');
  const [title, ...rows] = renderInstant(r.instant);
  out.push(`3. ${title!}`, ...rows);
  out.push('');
  if (!r.janus.measured) {
    out.push(`4. janus: not measured (${r.janus.why})`);
  } else {
    out.push(`4. side by side with Janus ${r.machine.janus} streaming plugin, ${r.janus.source}; one camera × N viewers`);
    const tcp = r.forwarding.find((s) => s.scenario === '1xN' && s.transport === 'tcp');
    const udp = r.oursOverUdp;
    out.push(
      '   streams  janus CPU  per stream | ours tcp/stream  ours/janus' +
        (udp ? ' | ours udp/stream  ours/janus' : '') +
        ' | latency p50 ours/janus ms (recv | presented)',
    );
    const ratio = (o: number | undefined, j: number): string => (o !== undefined && j > 0 ? `${f(o / j, 2)}×` : '—');
    for (const p of r.janus.points) {
      const o = tcp?.points.find((q) => q.streams === p.streams);
      const u = udp?.points.find((q) => q.streams === p.streams);
      const mine = u ?? o;
      out.push(
        `   ${pad(p.streams, 7)}  ${pad(f(p.cpu, 4), 9)}  ${pad(f(p.perStream, 5), 10)} | ` +
          `${pad(o ? f(o.perStream, 5) : '—', 15)}  ${pad(ratio(o?.perStream, p.perStream), 10)}` +
          (udp ? ` | ${pad(u ? f(u.perStream, 5) : '—', 15)}  ${pad(ratio(u?.perStream, p.perStream), 10)}` : '') +
          ` | ${mine ? f(mine.latency.toReceive.p50, 1) : '—'}/${f(p.latency.toReceive.p50, 1)} | ` +
          `${mine ? f(mine.latency.toPresented.p50, 0) : '—'}/${f(p.latency.toPresented.p50, 0)}` +
          (p.latency.unmatched ? ` (janus: ${p.latency.unmatched} frames unmapped)` : ''),
      );
    }
    const mine = udp ?? tcp;
    if (mine && mine.points.length >= 3 && r.janus.points.length >= 3) {
      out.push(
        `   marginal CPU per added stream (slope): ours (${mine.transport}) ${f(mine.marginalPerStream, 5)}, ` +
          `janus ${f(r.janus.marginalPerStream, 5)}`,
      );
    }
  }
  const ring = r.pressToRing;
  out.push('');
  out.push(
    `5. call boxes, press → alert on ${ring.consoles} consoles (WebSocket delivery, ${ring.presses} presses × ${ring.consoles} consoles): ` +
      `p50 ${f(ring.p50Ms, 1)} / p99 ${f(ring.p99Ms, 1)} / max ${f(ring.maxMs, 1)} ms — target p99 ≤ ${ring.targetP99Ms} ms: ` +
      (ring.pass ? 'PASS' : 'FAIL'),
  );
  out.push(...renderCalls(r.calls));
  out.push('', ...renderFlood(r.flood));
  out.push('', ...renderCityScale(r.cityScale));
  out.push('', ...renderDecodeWall(r.decodeWall));
  out.push('', ...renderCapacity(r.capacity));
  for (const note of r.notes) out.push(`note: ${note}`);
  return out.join('\n');
}

export function renderFlood(r: FloodResult): string[] {
  return [
    `7. flood from one kiosk key and one socket (${r.kioskSockets.tried} sockets, ${r.presses.sent} presses, ${r.burst.sent} requests in bursts on one socket): ` +
      `a second console's p50 ${f(r.latencyMs.p50, 1)} / p99 ${f(r.latencyMs.p99, 1)} ms (quiet p99 ${f(r.quietLatencyMs.p99, 1)}) — target p99 < ${FLOOD_TARGET_P99_MS} ms: ${r.pass ? 'PASS' : 'FAIL'}`,
    `   refused: ${r.kioskSockets.tried - r.kioskSockets.opened} sockets over the key's share, ${r.presses.refused} presses over the box's limit, ${r.burst.refused} burst requests over the socket's backlog`,
  ];
}

/** A run that never tried the target (the quick run's 2-call step) says so rather than FAIL. */
function callsVerdict(calls: CallsResult): string {
  if (calls.pass) return 'PASS';
  const tried = Math.max(0, ...calls.points.map((p) => p.calls));
  return tried < calls.target ? `not tried (largest step ${tried} calls; the full run tries ${calls.target})` : 'FAIL';
}

export function renderCalls(calls: CallsResult): string[] {
  const out = [
    `6. simultaneous two-way calls (kiosk and console pages in this machine's Chromium, fake camera and microphone): ` +
      `${calls.held} held with video and audio both ways — target ≥ ${calls.target}: ${callsVerdict(calls)}`,
    `   ${describeCallMedia(calls.media)}`,
  ];
  for (const p of calls.points) {
    const setup = p.setupMs === null ? 'not all' : `${f(p.setupMs / 1000, 1)} s`;
    out.push(
      `   ${pad(p.calls, 3)} calls: ${p.flowing} flowing (all flowing after ${setup}); worker ${f(p.worker, 4)} + engine ${f(p.engine, 4)} CPU-s/s; ` +
        `Chromium ${f(p.chromium, 2)} CPU-s/s (${p.browsers} browser${p.browsers === 1 ? '' : 's'}); received video ${f(p.videoFps.min, 1)}/${f(p.videoFps.median, 1)} fps min/median, ` +
        `audio ${f(p.audioPps.min, 0)} packets/s min${p.unread ? `; ${p.unread} pages unread` : ''}${p.fullRate ? '' : ' (below source rate: Chromium short of CPU)'}`,
    );
  }
  const c = calls.perCall;
  if (c) {
    out.push(
      `   per call at ${c.calls} calls${c.fullRate ? ' (pages at full rate)' : ' (pages BELOW full rate: figures read low)'}: worker ${f(c.worker, 4)} + engine ${f(c.engine, 4)} CPU-s/s → one worker (one core) ≈ ${c.oneWorkerCalls} calls, ` +
        `the engine process ≈ ${c.engineProcessCalls} calls (extrapolated for this media, Chromium's own cost not included)`,
    );
  }
  return out;
}

function renderCityScale(c: CityScaleResult): string[] {
  const search = c.searchMs;
  const out = [
    `8. city scale, ${c.cameras} cameras: import ${f(c.import.ms, 0)} ms (${c.import.inserted} rows; re-import ${f(c.import.reimportMs, 0)} ms, ` +
      `${c.import.reimportUnchanged} unchanged)`,
    `   search over the WebSocket (${search.n} queries): p50 ${f(search.p50, 1)} / p99 ${f(search.p99, 1)} / max ${f(search.max, 1)} ms — ` +
      `target p99 ≤ ${SEARCH_TARGET_P99_MS} ms: ${search.p99 <= SEARCH_TARGET_P99_MS ? 'PASS' : 'FAIL'}`,
    `   engine start with the city: process fork → ready ${f(c.processStartMs, 0)} ms (SiteEngine.create p50 ${f(c.startMs.city.p50, 0)} ms) — ` +
      `target ≤ ${START_TARGET_MS} ms: ${c.processStartMs <= START_TARGET_MS ? 'PASS' : 'FAIL'}`,
    `   memory: engine RSS ${f(c.rssMiB.engineEmpty, 0)} MiB empty, ${f(c.rssMiB.engineCity, 0)} MiB with the city, ` +
      `${f(c.rssMiB.engineCityAfterSearch, 0)} MiB after the searches; worker ${f(c.rssMiB.workerCity, 0)} MiB`,
  ];
  if (c.live) {
    out.push(
      `   with ${c.live.live}/${c.live.cameras} cameras live (${c.live.stream} streams pulled, not forwarded): engine ${f(c.live.engineRssMiB, 0)} MiB ` +
        `+ worker ${f(c.live.workerRssMiB, 0)} MiB; CPU engine ${f(c.live.engineCpu, 3)} + worker ${f(c.live.workerCpu, 3)} CPU-s/s`,
    );
  }
  for (const note of c.notes) out.push(`   note: ${note}`);
  return out;
}
