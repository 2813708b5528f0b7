// Clips at real camera rates (main 1920×1080 at ~4 Mbit/s, sub 640×360 at ~512 kbit/s), made at
// run time with Debian's ffmpeg and cached outside the repository: the committed clips run at a
// tenth of a real camera's rate, which hides what ingest and forwarding really cost. A clip is
// made once per set of parameters (the file name is the key) and reused by every later run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JharokhaError } from '../../common/errors.js';

export interface RealClipSpec {
  width: number;
  height: number;
  fps: number;
  kbps: number;
  /** Key-frame interval, seconds. */
  gopS: number;
  /** Rounded up to whole GOPs, so the simulator's loop seam is clean. */
  seconds: number;
}

const FPS = 25;
const SECONDS = 10;
export const REAL_MAIN: RealClipSpec = { width: 1920, height: 1080, fps: FPS, kbps: 4000, gopS: 2, seconds: SECONDS };
export const REAL_SUB: RealClipSpec = { width: 640, height: 360, fps: FPS, kbps: 512, gopS: 2, seconds: SECONDS };

export const FFMPEG = process.env.FFMPEG ?? '/usr/bin/ffmpeg';

/** `<JHAROKHA_CACHE_DIR or ~/.cache/jharokha>/media`. */
export function realClipDir(): string {
  return path.join(process.env.JHAROKHA_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'jharokha'), 'media');
}

/** The clip's frame count: whole GOPs covering at least `seconds`. */
function frameCount(spec: RealClipSpec): number {
  const gop = spec.gopS * spec.fps;
  return Math.ceil((spec.seconds * spec.fps) / gop) * gop;
}

/** The cache key: every parameter that changes the bytes (v1: the encoder settings below). */
export function realClipName(spec: RealClipSpec): string {
  return `h264-${spec.width}x${spec.height}-${spec.fps}fps-${spec.kbps}k-gop${spec.gopS}-${frameCount(spec)}f-v1.h264`;
}

function ffmpegArgs(spec: RealClipSpec, out: string): string[] {
  const gop = spec.gopS * spec.fps;
  const rate = `${spec.kbps}k`;
  // As resources/media/make-media.sh: constrained baseline (what every viewer decodes), no
  // B-frames, SPS/PPS before every IDR, a fixed GOP; a one-second VBV keeps the rate camera-like.
  return [
    ...['-hide_banner', '-loglevel', 'error', '-nostats', '-y', '-progress', 'pipe:1'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${spec.width}x${spec.height}:rate=${spec.fps}`, '-frames:v', String(frameCount(spec))],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-profile:v', 'baseline', '-preset', 'veryfast'],
    ...['-b:v', rate, '-maxrate', rate, '-bufsize', rate, '-bf', '0', '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0'],
    ...['-x264-params', `keyint=${gop}:min-keyint=${gop}:scenecut=0:open-gop=0:repeat-headers=1`],
    ...['-f', 'h264', out],
  ];
}

// One making per file at a time within this process: two cameras asking together wait for one.
const making = new Map<string, Promise<string>>();

/**
 * The clip's path, made first if the cache lacks it (`progress` gets a line now and then while
 * ffmpeg runs). Written to a temporary name and renamed, so a killed run leaves no half clip.
 */
export function ensureRealClip(spec: RealClipSpec, options: { dir?: string; progress?: (line: string) => void } = {}): Promise<string> {
  const file = path.join(options.dir ?? realClipDir(), realClipName(spec));
  const progress = options.progress ?? (() => undefined);
  if (fs.existsSync(file)) return Promise.resolve(file);
  let pending = making.get(file);
  if (!pending) {
    pending = makeClip(spec, file, progress).finally(() => making.delete(file));
    making.set(file, pending);
  }
  return pending;
}

async function makeClip(spec: RealClipSpec, file: string, progress: (line: string) => void): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.part`;
  const frames = frameCount(spec);
  const name = path.basename(file);
  progress(`making ${name} with ${FFMPEG} (once; cached in ${path.dirname(file)})`);
  const child = spawn(FFMPEG, ffmpegArgs(spec, partial), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let shownAt = 0;
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  child.stdout.on('data', (chunk: Buffer) => {
    const done = /frame=(\d+)/g.exec(chunk.toString());
    if (!done || Date.now() - shownAt < 2000) return;
    shownAt = Date.now();
    progress(`  ${name}: ${Math.round((100 * Number(done[1])) / frames)} %`);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).catch((error: NodeJS.ErrnoException) => {
    throw new JharokhaError('Unsupported', `cannot run ${FFMPEG} (${error.code ?? error.message}): bash native/install.sh installs it`);
  });
  if (code !== 0) {
    fs.rmSync(partial, { force: true });
    throw new JharokhaError('Unsupported', `${FFMPEG} failed making ${name} (exit ${code}): ${stderr.trim()}`);
  }
  fs.renameSync(partial, file);
  const kbps = Math.round((fs.statSync(file).size * 8) / (frames / spec.fps) / 1000);
  progress(`  ${name}: made, ${kbps} kbit/s`);
  return file;
}

/** Main and sub at real rates with the main's GOP as given. */
export async function ensureRealCameraClips(
  options: { mainGopS?: number; progress?: (line: string) => void } = {},
): Promise<{ main: string; sub: string }> {
  const main = await ensureRealClip({ ...REAL_MAIN, gopS: options.mainGopS ?? REAL_MAIN.gopS }, { progress: options.progress });
  const sub = await ensureRealClip(REAL_SUB, { progress: options.progress });
  return { main, sub };
}
