// Simultaneous two-way calls: K kiosk pages press, K console pages each answer one, and every
// call must carry video and audio both ways. Pages are Jharokha's own (kiosk and console) in
// Chromium with fake cameras and microphones, so Chromium's encoding and decoding share the
// machine's cores with the engine; the engine's, the worker's and the pages' Chromium CPU are read
// over the same window. The pages' camera is a small clip (call-media.ts): the step is after the
// engine's capacity, and says so with the clip's size beside every figure.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { logIn } from '../test/support/console-login.js';
import { TestClient } from '../test/support/ws-client.js';
import { until } from '../test/support/wait.js';
import { BENCH_PASSWORD, OBSERVER_USER, callOperator } from './bench-users.js';
import { CALLS_PER_BROWSER, fakeVideoFile, launchCallBrowser, type FakeVideo } from './call-media.js';
import type { EngineProcess } from './engine-process.js';
import { descendants } from './process-tree.js';
import { measureCpu, sampleCpu, type CpuSample, type ServerCpu } from './proc-cpu.js';
import { percentile, round } from './stats.js';

export const CALLS_TARGET = 8;
const SETUP_WAIT_MS = 150_000;
/** Sixteen pages are read per poll: not more often than this. */
const POLL_MS = 250;
/** A page too busy to answer a read this long is "unread", never "zero". */
const READ_TIMEOUT_MS = 15_000;

/** A rate across streams: the slowest one's and the median. */
export type StreamRates = { min: number; median: number };

export interface CallsPoint extends ServerCpu {
  calls: number;
  /** Calls whose four flows (video and audio, each way) all moved during the window. */
  flowing: number;
  /** From the last answer click until every flow had moved (null: not all did within the wait). */
  setupMs: number | null;
  /** The Chromium processes holding the pages (all of them, every page). */
  chromium: number;
  browsers: number;
  /** Received video over the window, frames decoded per second, across the 2K streams. */
  videoFps: StreamRates;
  /** Received audio over the window, packets per second, across the 2K streams. */
  audioPps: StreamRates;
  /** Pages whose counters could not be read at the start or end of the window (their call is not counted). */
  unread: number;
  /** Every stream near its source rate (video ≥ 80 % of the clip's fps, audio ≥ 40 of Opus's 50 packets/s): Chromium kept up. */
  fullRate: boolean;
}

export interface CallsResult {
  /** What every page's fake camera sent. */
  media: { width: number; height: number; fps: number; source: string };
  points: CallsPoint[];
  /** The most calls held with every flow moving. */
  held: number;
  target: number;
  pass: boolean;
  /** At the largest step held: the engine's and worker's CPU per call, and what that extrapolates to. */
  perCall: (ServerCpu & { calls: number; fullRate: boolean; oneWorkerCalls: number; engineProcessCalls: number }) | null;
}

interface Flow {
  frames: number;
  packets: number;
}

export function callBoxIds(steps: number[]): string[] {
  return steps.flatMap((k) => Array.from({ length: k }, (_, i) => `box-call-${k}-${i + 1}`));
}

// A string, not a function: a function sent into the page would carry tsx's helpers. Both counters
// in one round trip; a missing element reads as 0 (not yet in a call), a failed read as null.
const READ_FLOW = `(() => {
  const n = (id, attr) => Number(document.querySelector('[data-testid="' + id + '"]')?.getAttribute(attr) ?? 0);
  return { frames: n('call-remote-video', 'data-frames-decoded'), packets: n('call-remote-audio', 'data-packets-received') };
})()`;

async function flowOf(page: Page): Promise<Flow | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS)));
  try {
    return await Promise.race([page.evaluate(READ_FLOW).then((f) => f as Flow).catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** CPU-s per s of every process in `pids` that lived through the window. */
function treeRate(before: CpuSample[], after: CpuSample[]): number {
  let sum = 0;
  let wallS = 0;
  for (const a of after) {
    const b = before.find((s) => s.pid === a.pid);
    if (!b) continue;
    sum += a.statS - b.statS;
    wallS = (a.at - b.at) / 1000;
  }
  return wallS > 0 ? sum / wallS : 0;
}

function samples(pids: number[]): CpuSample[] {
  return pids.flatMap((pid) => {
    try {
      return [sampleCpu(pid)];
    } catch {
      return []; // ended
    }
  });
}

async function holdCalls(engine: EngineProcess, video: FakeVideo, k: number, windowMs: number, log: (line: string) => void): Promise<CallsPoint> {
  const t0 = Date.now();
  const phase = (what: string): void => log(`    ${k} calls, ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  const observer = await TestClient.connect(engine.wsUrl);
  const browsers: Browser[] = [];
  const contexts: BrowserContext[] = [];
  const open = async (browser: Browser, url: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    await context.grantPermissions(['camera', 'microphone']);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  };
  try {
    await observer.request('session.login', { username: OBSERVER_USER, password: BENCH_PASSWORD });
    // A call's kiosk and console share a browser process; CALLS_PER_BROWSER calls per process.
    for (let i = 0; i < Math.ceil(k / CALLS_PER_BROWSER); i++) browsers.push(await launchCallBrowser(video));
    const browserOf = (i: number): Browser => browsers[Math.floor(i / CALLS_PER_BROWSER)]!;
    const boxes = Array.from({ length: k }, (_, i) => `box-call-${k}-${i + 1}`);
    const kiosks = await Promise.all(boxes.map((box, i) => open(browserOf(i), engine.kioskPageUrl(box))));
    const consoles = await Promise.all(boxes.map((_, i) => open(browserOf(i), `${engine.baseUrl}/console?token=${encodeURIComponent(engine.token)}`)));
    await Promise.all(consoles.map((page, i) => logIn(page, callOperator(k, i), BENCH_PASSWORD, 60_000)));
    phase(`${2 * k} pages open in ${browsers.length} browser process(es), consoles logged in`);
    for (const kiosk of kiosks) await kiosk.getByTestId('kiosk-emergency').click();
    // A press reaches the engine over the kiosk's WebSocket: wait for every alert, not just the first poll.
    let alerts: { id: string; boxId: string }[] = [];
    await until(`${k} alerts raised`, 30_000, async () => {
      alerts = ((await observer.request('alerts.list', {})).result?.alerts ?? []) as typeof alerts;
      return boxes.every((box) => alerts.some((a) => a.boxId === box));
    }, POLL_MS);
    // A console too starved to take a click in a minute leaves its call unanswered: counted as not
    // flowing, never a failed bench.
    let unanswered = 0;
    for (const [i, box] of boxes.entries()) {
      const alert = alerts.find((a) => a.boxId === box)!;
      await consoles[i]!.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"] [data-testid="alert-answer"]`)
        .click({ timeout: 60_000 })
        .catch(() => (unanswered += 1));
    }
    phase(`pressed and answered${unanswered ? ` (${unanswered} consoles did not take the click)` : ''}`);
    const pages = [...kiosks, ...consoles];
    const answeredAt = Date.now();
    const setupMs = unanswered > 0 ? null : await until(
      `${k} calls with media both ways`,
      SETUP_WAIT_MS,
      async () => {
        const flows = await Promise.all(pages.map(flowOf));
        return flows.every((f) => f !== null && f.frames > 0 && f.packets > 0);
      },
      POLL_MS,
    ).then(
      () => Date.now() - answeredAt,
      () => null, // what does not flow is counted below
    );
    phase(setupMs === null ? 'not every flow moved within the wait' : `every flow moved ${setupMs} ms after the last answer`);

    const chromiumPids = descendants(process.pid, [engine.pid]);
    const before = await Promise.all(pages.map(flowOf));
    const startedAt = performance.now();
    const treeBefore = samples(chromiumPids);
    const cpu = await measureCpu({ worker: engine.workerPid, engine: engine.pid }, windowMs);
    const treeAfter = samples(chromiumPids);
    const after = await Promise.all(pages.map(flowOf));
    const windowS = (performance.now() - startedAt) / 1000;

    const delta = pages.map((_, i) => {
      const b = before[i];
      const a = after[i];
      return b && a ? { frames: a.frames - b.frames, packets: a.packets - b.packets } : null;
    });
    const moving = delta.map((d) => d !== null && d.frames > 0 && d.packets > 0);
    const flowing = boxes.filter((_, i) => moving[i] && moving[k + i]).length;
    const read = delta.filter((d): d is Flow => d !== null);
    const rate = (pick: (d: Flow) => number): StreamRates =>
      read.length === 0 ? { min: 0, median: 0 } : { min: round(Math.min(...read.map(pick)) / windowS, 1), median: round(percentile(read.map(pick), 50) / windowS, 1) };
    // End this step's calls as a supervisor would, so the next step starts from a quiet queue.
    for (const alert of alerts.filter((a) => boxes.includes(a.boxId))) {
      await observer.request('alert.close', { alertId: alert.id, outcome: 'test', note: 'bench' });
    }
    return {
      calls: k,
      flowing,
      setupMs,
      worker: round(cpu.worker!.fine, 4),
      engine: round(cpu.engine!.fine, 4),
      chromium: round(treeRate(treeBefore, treeAfter), 3),
      browsers: browsers.length,
      videoFps: rate((d) => d.frames),
      audioPps: rate((d) => d.packets),
      unread: delta.filter((d) => d === null).length,
      fullRate: rate((d) => d.frames).min >= 0.8 * video.fps && rate((d) => d.packets).min >= 40,
    };
  } finally {
    observer.close();
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const browser of browsers) await browser.close().catch(() => undefined);
  }
}

export function describeCallMedia(media: CallsResult['media']): string {
  return `every page's camera: ${media.width}×${media.height} at ${media.fps} fps (${media.source}), not full-size video; microphone: Chromium's fake beep`;
}

export async function measureCalls(options: {
  engine: EngineProcess;
  steps: number[];
  windowMs: number;
  log: (line: string) => void;
}): Promise<CallsResult> {
  const video = fakeVideoFile();
  const media = { width: video.width, height: video.height, fps: video.fps, source: 'Y4M test pattern made with ffmpeg, looped by Chromium' };
  options.log(`  ${describeCallMedia(media)}`);
  const points: CallsPoint[] = [];
  for (const k of options.steps) {
    const point = await holdCalls(options.engine, video, k, options.windowMs, options.log);
    points.push(point);
    const setup = point.setupMs === null ? 'not all within the wait' : `${(point.setupMs / 1000).toFixed(1)} s`;
    options.log(
      `  ${k} calls: ${point.flowing} with video and audio both ways (all flowing after ${setup}); worker ${point.worker} + engine ${point.engine} CPU-s/s; ` +
        `Chromium ${point.chromium} CPU-s/s in ${point.browsers} browser(s); received video ${point.videoFps.min} fps min / ${point.videoFps.median} median, ` +
        `audio ${point.audioPps.min} packets/s min${point.unread ? `; ${point.unread} pages unread` : ''}` +
        (point.fullRate ? '' : ' — pages below source rate: Chromium is short of CPU'),
    );
    if (point.flowing < k) break; // more would only fail harder
  }
  const held = Math.max(0, ...points.filter((p) => p.flowing === p.calls).map((p) => p.calls));
  // Per-call cost from the largest held step whose pages kept up: where Chromium starves, streams
  // carry fewer packets and the engine's cost per call would read too low.
  const heldPoints = points.filter((p) => p.flowing === p.calls);
  const top = heldPoints.filter((p) => p.fullRate).at(-1) ?? heldPoints.at(-1);
  // One mediasoup worker is one thread (one core at most); the engine process is mostly one thread too.
  const perCall = top
    ? {
        calls: top.calls,
        fullRate: top.fullRate,
        worker: round(top.worker / top.calls, 5),
        engine: round(top.engine / top.calls, 5),
        oneWorkerCalls: Math.floor(1 / Math.max(top.worker / top.calls, 1e-6)),
        engineProcessCalls: Math.floor(1 / Math.max(top.engine / top.calls, 1e-6)),
      }
    : null;
  return { media, points, held, target: CALLS_TARGET, pass: held >= CALLS_TARGET, perCall };
}
