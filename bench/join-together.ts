// Ours beside Janus's key-frame buffer (janus/join.ts): viewers joining a camera already served.
// One tile of a 4×4 wall page holds the camera's sub stream; at random points of its GOP, 1 or N
// tiles of a second 4×4 page are given the camera in one wall.set, and each tile's time from the
// wall.set to its first presented frame is taken (16 tiles of 360p on one page: what a 2-core
// machine decodes, where 16 pages would not).
import { takeVideos } from './probe.js';
import { epochNow } from './send-log.js';
import type { WallPages } from './wall-pages.js';

const HOLDER = 'join-hold';
const DISPLAY = 'join';
export const JOIN_GRID = 16;
const TIMEOUT_MS = 10_000;

export interface JoinStep {
  viewers: number;
  /** Every joining tile's wall.set → first presented frame, ms, over all trials. */
  firstFrameMs: number[];
  /** Tiles that showed no frame within the timeout. */
  failures: number;
}

async function firstFrames(walls: WallPages, cameraId: string, since: number, count: number): Promise<number[]> {
  const page = walls.pages.get(DISPLAY)!;
  const deadline = Date.now() + TIMEOUT_MS;
  let shown: number[] = [];
  while (Date.now() < deadline) {
    shown = (await takeVideos(page)).filter((v) => v.cameraId === cameraId && v.addedAt >= since && v.first).map((v) => v.first!.pres - since);
    if (shown.length >= count) return shown;
    await new Promise((r) => setTimeout(r, 30));
  }
  return shown;
}

export async function measureOursJoin(walls: WallPages, cameraId: string, gopS: number, steps: number[], trials: number): Promise<JoinStep[]> {
  await walls.set(HOLDER, [cameraId], JOIN_GRID);
  await walls.set(DISPLAY, [], JOIN_GRID);
  // The holder is live before anything is timed.
  const holderPage = walls.pages.get(HOLDER)!;
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await takeVideos(holderPage)).some((v) => v.cameraId === cameraId && v.first)) {
    if (Date.now() > deadline) throw new Error(`the holding tile showed no frame of ${cameraId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const out: JoinStep[] = [];
  for (const viewers of steps) {
    const firstFrameMs: number[] = [];
    let failures = 0;
    for (let t = 0; t < trials; t++) {
      await new Promise((r) => setTimeout(r, 300 + Math.random() * gopS * 1000));
      const t0 = epochNow();
      await walls.set(DISPLAY, Array.from({ length: viewers }, () => cameraId), JOIN_GRID);
      const shown = await firstFrames(walls, cameraId, t0, viewers);
      firstFrameMs.push(...shown.map((ms) => Math.round(ms)));
      failures += viewers - shown.length;
      await walls.set(DISPLAY, [], JOIN_GRID);
    }
    out.push({ viewers, firstFrameMs, failures });
  }
  await walls.set(HOLDER, [], JOIN_GRID);
  return out;
}
