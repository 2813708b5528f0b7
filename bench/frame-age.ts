// How old the picture on a tile is: each presented frame mapped back to when the simulator sent
// it. A shared consumer keeps the camera's RTP timestamps, so its frames map exactly. A fast start
// (sfu/node/ingest-shards/fast-start-rewriter.ts) does not: its first frame is the cached key
// frame with its own timestamp, the cached frames follow FRAME_SPACING_TICKS apart, and the live
// frames after them carry their own timestamps plus one constant offset (the last cached frame's
// rewritten timestamp minus its original). That offset depends on how many frames the cache held,
// which the page never sees; so each possible cache size (frames the camera sent from just before
// wall.set until the first live frame arrived) is tried, and only the one that maps the first
// live frame onto a frame the simulator really sent, before it arrived, is kept. Sizes that differ
// by 40 frames give the same offset modulo the frame interval, and they are 1.6 s apart at
// 25 fps, outside the window: when more than one fits anyway the frames stay unmapped, never guessed.
import type { ProbeFrame } from './probe.js';
import type { SendLog } from './send-log.js';

/** The rewriter's spacing of cached frames (3 ms at 90 kHz). */
const CACHED_SPACING = 270;
/** Presented cached frames are a few spacings apart; live ones at least a frame interval (3600 at 25 fps). */
const LIVE_DELTA = 2000;

export interface FrameAges {
  /** Whether the tile opened with a fast start (its first frame a key frame sent before wall.set). */
  fastStart: boolean;
  /** Per presented frame, when its content left the simulator (undefined: not mapped). */
  sentAt: (number | undefined)[];
}

export function frameAges(frames: readonly ProbeFrame[], sendLog: SendLog, cameraId: string, since: number, stream = 'main'): FrameAges {
  const exact = (f: ProbeFrame): number | undefined => (f.rtp === null ? undefined : sendLog.sentAt(cameraId, f.rtp, stream));
  const first = frames[0];
  const keyAt = first?.rtp == null ? undefined : sendLog.keyframeAt(cameraId, first.rtp, stream);
  if (!first || first.rtp === null || keyAt === undefined || keyAt >= since) return { fastStart: false, sentAt: frames.map(exact) };
  const gop = sendLog.framesFrom(cameraId, first.rtp, stream);
  const sentAt: (number | undefined)[] = [keyAt];
  let i = 1;
  // The cached burst: the k-th cached frame is the k-th frame the camera sent from the key frame.
  for (; i < frames.length; i++) {
    const delta = (frames[i]!.rtp! - frames[i - 1]!.rtp!) >>> 0;
    if (delta >= LIVE_DELTA) break;
    const k = ((frames[i]!.rtp! - first.rtp) >>> 0) / CACHED_SPACING;
    sentAt.push(Number.isInteger(k) ? gop[k]?.at : undefined);
  }
  const live = frames[i];
  if (!live) return { fastStart: true, sentAt };
  const arrived = live.recv ?? live.pres;
  const fits = gop.flatMap((last, j) => {
    if (last.at < since - 100 || last.at > arrived) return [];
    const offset = (first.rtp! + j * CACHED_SPACING - last.rtp) >>> 0;
    const at = sendLog.sentAt(cameraId, (live.rtp! - offset) >>> 0, stream);
    return at !== undefined && at > last.at && at <= arrived ? [{ offset, lastIndex: j }] : [];
  });
  if (fits.length !== 1) return { fastStart: true, sentAt: [...sentAt, ...frames.slice(i).map(() => undefined)] };
  const { offset, lastIndex } = fits[0]!;
  // The fast start stops before the camera's next key frame; from there the shared consumer's frames are exact.
  const nextKey = gop.slice(lastIndex + 1).find((f) => sendLog.keyframeAt(cameraId, f.rtp, stream) !== undefined);
  for (const f of frames.slice(i)) {
    const shifted = sendLog.sentAt(cameraId, (f.rtp! - offset) >>> 0, stream);
    sentAt.push(shifted !== undefined && (!nextKey || shifted < nextKey.at) ? shifted : exact(f));
  }
  return { fastStart: true, sentAt };
}

/** The first presented frame whose content was under `maxAgeMs` old, or undefined. */
export function firstFreshFrame(frames: readonly ProbeFrame[], ages: FrameAges, maxAgeMs: number): ProbeFrame | undefined {
  return frames.find((f, i) => ages.sentAt[i] !== undefined && f.pres - ages.sentAt[i]! < maxAgeMs);
}
