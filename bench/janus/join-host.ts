// Child-process entry, run inside the bench's network namespace (capacity/netns.ts: Janus gathers
// no ICE candidates on loopback): the simulator, Janus, Chromium and the driver all live there.
// A mountpoint with Janus's key-frame buffer (`videobufferkf = true`) pulls the camera's sub
// stream; one viewer holds it (so it is "already served"); then, at random points of the GOP,
// 1 or N viewers join together and each one's time from its join (handle attached, watch, answer,
// start) to its first presented frame in Chromium is taken. Prints one JSON line: JanusJoinResult.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium.js';
import { startBlankServer } from '../blank-server.js';
import { installProbe, takeVideos } from '../probe.js';
import { epochNow } from '../send-log.js';
import { startSimFarm } from '../sim-farm.js';
import { JanusSession, type StreamingHandle } from './api.js';
import { startJanus } from './process.js';

export interface JanusJoinResult {
  /** Per step (viewers joining together), every viewer's join → first presented frame, ms. */
  joins: { viewers: number; firstFrameMs: number[]; failures: number }[];
}

const viewerScript = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'page', 'janus-viewer.js'), 'utf8');
const CAMERA = 'kf-cam';
const MOUNTPOINT = 7;
const GOP_S = 2;
const TIMEOUT_MS = 10_000;

async function join(session: JanusSession, page: Page): Promise<StreamingHandle> {
  const handle = await session.attachStreaming();
  const offer = await handle.watch(MOUNTPOINT);
  const answer = (await page.evaluate(`window.__janusViewer.answer(${JSON.stringify(offer.sdp)}, ${JSON.stringify(CAMERA)})`)) as string;
  await handle.start({ type: 'answer', sdp: answer });
  return handle;
}

/** The first frames of videos added at or after `since`, once `count` of them have one. */
async function firstFrames(page: Page, since: number, count: number): Promise<number[]> {
  const deadline = Date.now() + TIMEOUT_MS;
  let shown: number[] = [];
  while (Date.now() < deadline) {
    shown = (await takeVideos(page)).filter((v) => v.addedAt >= since && v.first).map((v) => v.first!.pres - since);
    if (shown.length >= count) return shown;
    await new Promise((r) => setTimeout(r, 30));
  }
  return shown;
}

async function main(): Promise<void> {
  const steps = process.argv.slice(2, -1).map(Number);
  const trials = Number(process.argv.at(-1));
  const farm = await startSimFarm([{ id: CAMERA, gopS: GOP_S }]);
  const blank = await startBlankServer();
  const janus = await startJanus({});
  const browser = await launchChromium();
  let session: JanusSession | undefined;
  try {
    session = await JanusSession.create(janus.apiUrl);
    const admin = await session.attachStreaming();
    await admin.createRtspMountpoint(MOUNTPOINT, farm.simulator.url(CAMERA, 'sub'), { videobufferkf: true });
    const context = await browser.newContext({ viewport: { width: 960, height: 540 } });
    await context.grantPermissions(['camera', 'microphone']);
    await installProbe(context);
    await context.addInitScript({ content: viewerScript });
    const [holderPage, joinPage] = [await context.newPage(), await context.newPage()];
    for (const p of [holderPage, joinPage]) await p.goto(blank.url);
    const holderAt = epochNow();
    await join(session, holderPage);
    if ((await firstFrames(holderPage, holderAt, 1)).length === 0) throw new Error(`janus: the holding viewer showed no frame (janus said: ${janus.output().trim().split('\n').slice(-3).join(' | ')})`);
    const result: JanusJoinResult = { joins: [] };
    for (const viewers of steps) {
      const firstFrameMs: number[] = [];
      let failures = 0;
      for (let t = 0; t < trials; t++) {
        await new Promise((r) => setTimeout(r, 300 + Math.random() * GOP_S * 1000));
        const t0 = epochNow();
        const handles = await Promise.all(Array.from({ length: viewers }, () => join(session!, joinPage)));
        const shown = await firstFrames(joinPage, t0, viewers);
        firstFrameMs.push(...shown);
        failures += viewers - shown.length;
        await Promise.all(handles.map((h) => h.detach().catch(() => undefined)));
        await joinPage.evaluate('window.__janusViewer.closeAll()');
      }
      result.joins.push({ viewers, firstFrameMs: firstFrameMs.map((ms) => Math.round(ms)), failures });
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await session?.destroy();
    await browser.close().catch(() => undefined);
    await janus.close();
    await blank.close();
    await farm.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
