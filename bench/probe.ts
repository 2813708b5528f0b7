// The Node side of bench/page/frame-probe.js: install it, switch recording, read what it saw.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { epochNow } from './send-log.js';

const probeScript = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'page', 'frame-probe.js'), 'utf8');

export interface ProbeFrame {
  rtp: number | null;
  /** Wall-clock ms: last packet of the frame received, frame presented, expected on screen, callback ran. */
  recv: number | null;
  pres: number;
  exp: number;
  cb: number;
}

export interface ProbeVideo {
  seq: number;
  cameraId: string;
  tile: number;
  addedAt: number;
  first: ProbeFrame | null;
  count: number;
  frames: ProbeFrame[];
}

export async function installProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: probeScript });
}

export async function setRecording(pages: Page[], on: boolean): Promise<void> {
  await Promise.all(pages.map((p) => p.evaluate(`window.__benchProbe.record(${on})`)));
}

export async function takeVideos(page: Page): Promise<ProbeVideo[]> {
  return (await page.evaluate('window.__benchProbe.take()')) as ProbeVideo[];
}

/**
 * How far the page's wall clock (timeOrigin + now) is from ours, in ms, measured over a round trip.
 * Both read the same system clock, so this should be ~0; it is reported as a check.
 */
export async function clockSkewMs(page: Page): Promise<{ skewMs: number; roundTripMs: number }> {
  let best = { skewMs: 0, roundTripMs: Infinity };
  for (let i = 0; i < 10; i++) {
    const t0 = epochNow();
    const pageNow = (await page.evaluate('window.__benchProbe.now()')) as number;
    const t1 = epochNow();
    if (t1 - t0 < best.roundTripMs) best = { skewMs: pageNow - (t0 + t1) / 2, roundTripMs: t1 - t0 };
  }
  return best;
}
