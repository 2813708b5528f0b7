// What the calls step's pages send, and the Chromium processes they run in.
//
// Chromium's default fake camera is 640×480 at up to 30 fps, drawn, encoded and (on the far side)
// decoded by every page: sixteen such pages on two cores leave Chromium itself starved (load ≈ 40,
// a few fps per stream), which measures Chromium, not the engine the issue asks about. So the
// pages keep their real capture → encode → WebRTC → SFU → decode path but read a small Y4M clip,
// made here with Debian's ffmpeg (a bench input, never live video), and the pages are spread over
// several browser processes. The clip's size and rate are printed and kept in the results, so
// nobody takes these calls for full-size ones.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.js';

export interface FakeVideo {
  width: number;
  height: number;
  fps: number;
  /** The Y4M file Chromium's fake camera loops, or null: Chromium's own 640×480 pattern. */
  file: string | null;
}

export const CALL_VIDEO = { width: 320, height: 240, fps: 15 } as const;
/** Calls (a kiosk page and a console page each) per browser process. */
export const CALLS_PER_BROWSER = 4;

/** Makes (once, cached in the temp dir) a moving test pattern for Chromium's fake camera. */
export function fakeVideoFile(video: { width: number; height: number; fps: number } = CALL_VIDEO): FakeVideo {
  const dir = path.join(os.tmpdir(), 'jharokha-bench-media');
  const file = path.join(dir, `call-${video.width}x${video.height}-${video.fps}fps.y4m`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.part`;
    // Four seconds, looped by Chromium; testsrc2 moves every frame, so encoders never idle on a still.
    execFileSync(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${video.width}x${video.height}:rate=${video.fps}`,
        '-t', '4', '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', partial],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
    );
    fs.renameSync(partial, file);
  }
  return { ...video, file };
}

/** Debian's Chromium with the end-to-end tests' switches (test/support/chromium.ts), camera from `video`. */
export function launchCallBrowser(video: FakeVideo): Promise<Browser> {
  return launchChromium(video.file ? [`--use-file-for-fake-video-capture=${video.file}`] : []);
}
