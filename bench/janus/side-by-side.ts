// Janus's streaming plugin serving the same simulated camera to the same number of Chromium
// viewers: Janus pulls the simulator over RTSP itself (an "rtsp" mountpoint: its ingest and its
// forwarding in one process), each viewer is one RTCPeerConnection answering Janus's offer, and
// Janus's process CPU and the viewers' latency are read the same way as ours.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBlankServer } from '../blank-server.js';
import { anchoredSendTimes, summarizeLatency, type LatencySummary } from '../latency.js';
import { measureCpu } from '../proc-cpu.js';
import { installProbe, setRecording, takeVideos } from '../probe.js';
import type { SendLog } from '../send-log.js';
import { round, slope } from '../stats.js';
import { JanusSession } from './api.js';
import { startJanus } from './process.js';

const viewerScript = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'page', 'janus-viewer.js'), 'utf8');
const PEERS_PER_PAGE = 4;

export interface JanusPoint {
  streams: number;
  cpu: number;
  perStream: number;
  latency: LatencySummary;
}

export type JanusResult =
  | { measured: true; source: string; points: JanusPoint[]; marginalPerStream: number }
  | { measured: false; why: string };

export async function measureJanus(options: {
  browser: Browser;
  rtspUrl: string;
  cameraId: string;
  steps: number[];
  sendLog: SendLog;
  window: { warmupMs: number; windowMs: number };
  log: (line: string) => void;
}): Promise<JanusResult> {
  let janus: Awaited<ReturnType<typeof startJanus>> | undefined;
  let session: JanusSession | undefined;
  let context: BrowserContext | undefined;
  const blank = await startBlankServer();
  try {
    janus = await startJanus({ rtspUrl: options.rtspUrl });
    session = await JanusSession.create(janus.apiUrl);
    context = await options.browser.newContext({ viewport: { width: 960, height: 540 } });
    await context.grantPermissions(['camera', 'microphone']);
    await installProbe(context);
    await context.addInitScript({ content: viewerScript });
    const pages: Page[] = [];
    let viewers = 0;
    const points: JanusPoint[] = [];
    for (const streams of options.steps) {
      while (viewers < streams) {
        const pageIndex = Math.floor(viewers / PEERS_PER_PAGE);
        if (!pages[pageIndex]) {
          const page = await context.newPage();
          await page.goto(blank.url);
          pages[pageIndex] = page;
        }
        const handle = await session.attachStreaming();
        const offer = await handle.watch(janus.mountpointId);
        const answer = (await pages[pageIndex]!.evaluate(
          `window.__janusViewer.answer(${JSON.stringify(offer.sdp)}, ${JSON.stringify(options.cameraId)})`,
        )) as string;
        await handle.start({ type: 'answer', sdp: answer });
        viewers++;
      }
      await waitPlaying(pages, streams, 30_000);
      await new Promise((r) => setTimeout(r, options.window.warmupMs));
      await setRecording(pages, true);
      const cpu = await measureCpu({ janus: janus.pid }, options.window.windowMs);
      await setRecording(pages, false);
      const videos = (await Promise.all(pages.map((p) => takeVideos(p)))).flat();
      const latency = summarizeLatency(videos, anchoredSendTimes(options.sendLog, () => options.cameraId));
      const total = cpu.janus!.fine;
      const point = { streams, cpu: round(total, 4), perStream: round(total / streams, 5), latency };
      points.push(point);
      options.log(
        `  janus ${String(streams).padStart(2)} streams: ${point.cpu.toFixed(4)} CPU-s/s → ${point.perStream.toFixed(5)} per stream; ` +
          `latency p50 ${latency.toPresented.p50} ms`,
      );
    }
    return {
      measured: true,
      source: 'rtsp mountpoint (Janus pulls the simulator over RTSP/UDP itself)',
      points,
      marginalPerStream: round(slope(points.map((p) => ({ x: p.streams, y: p.cpu }))), 5),
    };
  } catch (error) {
    const tail = janus?.output().trim().split('\n').slice(-3).join(' | ');
    return { measured: false, why: `${(error as Error).message}${tail ? ` (janus said: ${tail})` : ''}` };
  } finally {
    await context?.close().catch(() => undefined);
    await session?.destroy();
    await janus?.close();
    await blank.close();
  }
}

async function waitPlaying(pages: Page[], count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let playing = 0;
  while (Date.now() < deadline) {
    const videos = (await Promise.all(pages.map((p) => takeVideos(p)))).flat();
    playing = videos.filter((v) => v.count > 5).length;
    if (playing >= count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`only ${playing} of ${count} Janus viewers playing after ${timeoutMs} ms`);
}
