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
/** The cache is taken before its first frame arrives; this much later still counts (clock reading slack). */
const CACHE_SLACK_MS = 50;

export interface FrameAges {
  /** Whether the tile opened with a fast start (its first frame from a key frame sent before wall.set). */
  fastStart: boolean;
  /** Per presented frame, when its content left the simulator (undefined: not mapped). */
  sentAt: (number | undefined)[];
}

/**
 * The key frame a tile's first presented frame counts from: its own timestamp, or (a fast start
 * whose key frame the compositor skipped) one that a whole number of cached spacings precedes.
 */
function openingKeyframe(first: ProbeFrame, sendLog: SendLog, cameraId: string, stream: string): { rtp: number; at: number; k: number } | undefined {
  const arrived = first.recv ?? first.pres;
  const keys = [...sendLog.keyframesSince(cameraId, arrived - 15_000, stream)].filter((key) => key.at <= arrived).reverse();
  for (const key of keys) {
    const k = ((first.rtp! - key.rtp) >>> 0) / CACHED_SPACING;
    if (Number.isInteger(k) && k < sendLog.framesFrom(cameraId, key.rtp, stream).length) return { ...key, k };
  }
  return undefined;
}

export function frameAges(frames: readonly ProbeFrame[], sendLog: SendLog, cameraId: string, since: number, stream = 'main'): FrameAges {
  const exact = (f: ProbeFrame): number | undefined => (f.rtp === null ? undefined : sendLog.sentAt(cameraId, f.rtp, stream));
  const first = frames[0];
  const key = first && first.rtp !== null ? openingKeyframe(first, sendLog, cameraId, stream) : undefined;
  if (!first || !key || frames.some((f) => f.rtp === null)) return { fastStart: false, sentAt: frames.map(exact) };
  // A key frame sent before wall.set can only have come from the cache.
  const fastStart = key.at < since;
  const gop = sendLog.framesFrom(cameraId, key.rtp, stream);
  const sentAt: (number | undefined)[] = [gop[key.k]?.at];
  let i = 1;
  // The cached burst: the k-th cached frame is the k-th frame the camera sent from the key frame.
  // A frame is cached if it sits on the spacing lattice at a frame sent before the tile's first
  // frame arrived (a live frame that lands on the lattice maps 40 frames on: 1.6 s later).
  const cacheUntil = (first.recv ?? first.pres) + CACHE_SLACK_MS;
  for (; i < frames.length; i++) {
    const k = ((frames[i]!.rtp! - key.rtp) >>> 0) / CACHED_SPACING;
    const at = Number.isInteger(k) ? gop[k]?.at : undefined;
    if (at === undefined || at > cacheUntil) break;
    sentAt.push(at);
  }
  const live = frames[i];
  if (!live) return { fastStart, sentAt };
  const arrived = live.recv ?? live.pres;
  const fits = gop.flatMap((last, j) => {
    if (last.at < Math.min(since - 100, key.at) || last.at > arrived) return [];
    const offset = (key.rtp + j * CACHED_SPACING - last.rtp) >>> 0;
    const at = sendLog.sentAt(cameraId, (live.rtp! - offset) >>> 0, stream);
    return at !== undefined && at > last.at && at <= arrived ? [{ offset, lastIndex: j }] : [];
  });
  if (fits.length !== 1) {
    // Unmapped until the shared consumer's first frame: a key frame sent after the cached one.
    const shared = frames.findIndex((f, n) => n >= i && (sendLog.keyframeAt(cameraId, f.rtp!, stream) ?? 0) > key.at);
    return { fastStart, sentAt: [...sentAt, ...frames.slice(i).map((f, n) => (shared >= 0 && i + n >= shared ? exact(f) : undefined))] };
  }
  const { offset, lastIndex } = fits[0]!;
  // The fast start stops before the camera's next key frame; from there the shared consumer's frames are exact.
  const nextKey = gop.slice(lastIndex + 1).find((f) => sendLog.keyframeAt(cameraId, f.rtp, stream) !== undefined);
  for (const f of frames.slice(i)) {
    const shifted = sendLog.sentAt(cameraId, (f.rtp! - offset) >>> 0, stream);
    sentAt.push(shifted !== undefined && (!nextKey || shifted < nextKey.at) ? shifted : exact(f));
  }
  return { fastStart, sentAt };
}

/** The first presented frame whose content was under `maxAgeMs` old, or undefined. */
export function firstFreshFrame(frames: readonly ProbeFrame[], ages: FrameAges, maxAgeMs: number): ProbeFrame | undefined {
  return frames.find((f, i) => ages.sentAt[i] !== undefined && f.pres - ages.sentAt[i]! < maxAgeMs);
}
