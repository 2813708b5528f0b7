// Simultaneous two-way calls: K kiosk pages press, K console pages each answer one, and every
// call must carry video and audio both ways. Pages are Jharokha's own (kiosk and console) in
// Chromium with fake cameras and microphones, so Chromium's encoding and decoding share the
// machine's cores with the engine; the engine's and worker's CPU are read over the same window.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { logIn } from '../test/e2e/console-login.js';
import { TestClient } from '../test/integration/engine/ws-client.js';
import { BENCH_PASSWORD, OBSERVER_USER, callOperator } from './bench-users.js';
import type { EngineProcess } from './engine-process.js';
import { measureCpu } from './proc-cpu.js';
import { round } from './stats.js';
import { until } from '../test/until.js';

export const CALLS_TARGET = 8;
const SETUP_WAIT_MS = 150_000;
/** Sixteen pages are read per poll: not more often than this. */
const POLL_MS = 250;

export interface CallsPoint {
  calls: number;
  /** Calls whose four flows (video and audio, each way) all moved during the window. */
  flowing: number;
  /** From the last answer click until every flow had moved (null: not all did within the wait). */
  setupMs: number | null;
  worker: number;
  engine: number;
}

export interface CallsResult {
  points: CallsPoint[];
  /** The most calls held with every flow moving. */
  held: number;
  target: number;
  pass: boolean;
}

interface Flow {
  frames: number;
  packets: number;
}

export function callBoxIds(steps: number[]): string[] {
  return steps.flatMap((k) => Array.from({ length: k }, (_, i) => `box-call-${k}-${i + 1}`));
}

async function flowOf(page: Page): Promise<Flow> {
  // Attributes read through locators: functions sent into the page would carry tsx's helpers.
  const read = async (id: string, attr: string): Promise<number> =>
    Number((await page.locator(`[data-testid="${id}"]`).first().getAttribute(attr, { timeout: 1000 }).catch(() => null)) ?? 0);
  return { frames: await read('call-remote-video', 'data-frames-decoded'), packets: await read('call-remote-audio', 'data-packets-received') };
}

async function holdCalls(engine: EngineProcess, browser: Browser, k: number, windowMs: number): Promise<CallsPoint> {
  const observer = await TestClient.connect(engine.wsUrl);
  const contexts: BrowserContext[] = [];
  const open = async (url: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    await context.grantPermissions(['camera', 'microphone']);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  };
  try {
    await observer.request('session.login', { username: OBSERVER_USER, password: BENCH_PASSWORD });
    const boxes = Array.from({ length: k }, (_, i) => `box-call-${k}-${i + 1}`);
    const kiosks = await Promise.all(boxes.map((box) => open(engine.kioskPageUrl(box))));
    const consoles = await Promise.all(boxes.map(() => open(`${engine.baseUrl}/console?token=${encodeURIComponent(engine.token)}`)));
    await Promise.all(consoles.map((page, i) => logIn(page, callOperator(k, i), BENCH_PASSWORD, 60_000)));
    for (const kiosk of kiosks) await kiosk.getByTestId('kiosk-emergency').click();
    const alerts = (await observer.request('alerts.list', {})).result.alerts as { id: string; boxId: string }[];
    for (const [i, box] of boxes.entries()) {
      const alert = alerts.find((a) => a.boxId === box);
      if (!alert) throw new Error(`no alert for ${box}`);
      await consoles[i]!.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"] [data-testid="alert-answer"]`).click();
    }
    const pages = [...kiosks, ...consoles];
    // Sixteen pages starting capture, encoders and decoders at once on two cores take a while:
    // the wait is generous, and the window below decides what counts as held.
    const answeredAt = Date.now();
    const setupMs = await until(
      `${k} calls with media both ways`,
      SETUP_WAIT_MS,
      async () => {
        const flows = await Promise.all(pages.map(flowOf));
        return flows.every((f) => f.frames > 0 && f.packets > 0);
      },
      POLL_MS,
    ).then(
      () => Date.now() - answeredAt,
      () => null, // what does not flow is counted below
    );
    const before = await Promise.all(pages.map(flowOf));
    const cpu = await measureCpu({ worker: engine.workerPid, engine: engine.pid }, windowMs);
    const after = await Promise.all(pages.map(flowOf));
    const moving = pages.map((_, i) => after[i]!.frames > before[i]!.frames && after[i]!.packets > before[i]!.packets);
    const flowing = boxes.filter((_, i) => moving[i] && moving[k + i]).length;
    // End this step's calls as a supervisor would, so the next step starts from a quiet queue.
    for (const alert of alerts.filter((a) => boxes.includes(a.boxId))) {
      await observer.request('alert.close', { alertId: alert.id, outcome: 'test', note: 'bench' });
    }
    return { calls: k, flowing, setupMs, worker: round(cpu.worker!.fine, 4), engine: round(cpu.engine!.fine, 4) };
  } finally {
    observer.close();
    for (const context of contexts) await context.close().catch(() => undefined);
  }
}

export async function measureCalls(options: {
  engine: EngineProcess;
  browser: Browser;
  steps: number[];
  windowMs: number;
  log: (line: string) => void;
}): Promise<CallsResult> {
  const points: CallsPoint[] = [];
  for (const k of options.steps) {
    const point = await holdCalls(options.engine, options.browser, k, options.windowMs);
    points.push(point);
    const setup = point.setupMs === null ? 'not all within the wait' : `${(point.setupMs / 1000).toFixed(1)} s`;
    options.log(`  ${k} calls: ${point.flowing} with video and audio both ways (all flowing after ${setup}); worker ${point.worker} + engine ${point.engine} CPU-s/s`);
    if (point.flowing < k) break; // more would only fail harder
  }
  const held = Math.max(0, ...points.filter((p) => p.flowing === p.calls).map((p) => p.calls));
  return { points, held, target: CALLS_TARGET, pass: held >= CALLS_TARGET };
}
