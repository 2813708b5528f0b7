// Time to first frame: from the bench sending wall.set (a camera put on a tile) to the first frame
// that tile's <video> presents (requestVideoFrameCallback). Two cases per key-frame interval:
//   cold — nobody watches the camera, so the engine starts a pull (RTSP connect, producer) and the
//          camera (like the simulator on a fresh session) starts with a key frame;
//   warm — the camera is already pulled for another tile, so the new consumer waits for the
//          camera's next key frame (an RTSP camera cannot be asked for one): ~U(0, GOP) + overhead.
// Target: p95 ≤ key-frame interval + 300 ms.
import { takeVideos } from './probe.js';
import { epochNow } from './send-log.js';
import { spread, type Spread } from './stats.js';
import type { WallPages } from './wall-pages.js';

export interface FirstFrameResult {
  gopS: number;
  mode: 'cold' | 'warm';
  /** wall.set → first presented frame, ms. */
  firstFrame: Spread;
  targetMs: number;
  pass: boolean;
  failures: number;
  /**
   * Per trial, which of the key frames the simulator sent after wall.set the tile showed first
   * (0: the very first). A cold pull that shows 1 lost the camera's opening key frame.
   */
  keyframeShown: number[];
  /** Every trial's time, ms, in order. */
  trialsMs: number[];
}

const DISPLAY = 'ttff';
const TIMEOUT_MS = 15_000;

interface Trial {
  ms: number;
  /** Index of the shown frame among the key frames sent since wall.set, or -1. */
  keyframe: number;
}

async function firstFrameAfter(walls: WallPages, cameraId: string, tile: number, since: number): Promise<Trial> {
  const page = walls.pages.get(DISPLAY)!;
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const video = (await takeVideos(page)).find((v) => v.tile === tile && v.cameraId === cameraId && v.addedAt >= since && v.first);
    if (video?.first) {
      const keyframes = walls.sendLog.keyframesSince(cameraId, since);
      return { ms: video.first.pres - since, keyframe: keyframes.findIndex((k) => k.rtp === video.first!.rtp) };
    }
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`no frame from ${cameraId} on tile ${tile} within ${TIMEOUT_MS} ms`);
}

function result(gopS: number, mode: 'cold' | 'warm', trials: Trial[], failures: number): FirstFrameResult {
  const targetMs = gopS * 1000 + 300;
  const firstFrame = spread(trials.map((t) => t.ms));
  return {
    gopS,
    mode,
    firstFrame,
    targetMs,
    pass: failures === 0 && firstFrame.p95 <= targetMs,
    failures,
    keyframeShown: trials.map((t) => t.keyframe),
    trialsMs: trials.map((t) => Math.round(t.ms)),
  };
}

/** Cold: each trial puts a camera nobody is pulling on the tile. */
export async function coldFirstFrames(walls: WallPages, gopS: number, cameraIds: string[], log: (l: string) => void): Promise<FirstFrameResult> {
  await walls.set(DISPLAY, []);
  const times: Trial[] = [];
  let failures = 0;
  for (const cameraId of cameraIds) {
    const t0 = epochNow();
    await walls.set(DISPLAY, [cameraId]);
    try {
      times.push(await firstFrameAfter(walls, cameraId, 0, t0));
    } catch (error) {
      failures++;
      log(`  ttff cold gop ${gopS}s ${cameraId}: ${(error as Error).message}`);
    }
    await walls.set(DISPLAY, []);
    await new Promise((r) => setTimeout(r, 300));
  }
  return result(gopS, 'cold', times, failures);
}

/** Warm: tile 3 holds the camera; tile 0 gets it, trial after trial, at random points of its GOP. */
export async function warmFirstFrames(
  walls: WallPages,
  gopS: number,
  cameraId: string,
  trials: number,
  log: (l: string) => void,
): Promise<FirstFrameResult> {
  const holder = [null, null, null, cameraId];
  await walls.set(DISPLAY, holder);
  await firstFrameAfter(walls, cameraId, 3, epochNow() - 1000).catch(() => undefined);
  const times: Trial[] = [];
  let failures = 0;
  for (let i = 0; i < trials; i++) {
    await new Promise((r) => setTimeout(r, 300 + Math.random() * gopS * 1000));
    const t0 = epochNow();
    await walls.set(DISPLAY, [cameraId, null, null, cameraId]);
    try {
      times.push(await firstFrameAfter(walls, cameraId, 0, t0));
    } catch (error) {
      failures++;
      log(`  ttff warm gop ${gopS}s ${cameraId}: ${(error as Error).message}`);
    }
    await walls.set(DISPLAY, holder);
  }
  await walls.set(DISPLAY, []);
  return result(gopS, 'warm', times, failures);
}
