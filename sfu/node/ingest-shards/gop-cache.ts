// The current GOP of one camera stream, from its keyframe, kept whether the stream is being
// forwarded or not. An RTSP camera cannot be asked for a keyframe, so the one it last sent is a
// new consumer's only chance to start before the camera's next interval: the feed's own target
// gets it when forwarding starts, and each fast start gets it rewritten. Bounded in bytes and in
// RTP time per feed and, through the shard's CacheBudget, per shard: a GOP over any bound is
// dropped and the cache waits for the next keyframe; a camera that never sends one leaves it empty.
import { startsKeyframe } from '../codec/h264-nal.js';
import { rtpTimestamp } from '../rtsp/rtp-packet.js';
import type { CacheBudget } from './cache-budget.js';

export interface GopCacheLimits {
  /** Default 4 MB: a 2 s GOP at 16 Mbit/s. */
  maxBytes?: number;
  /** Default 10 s of RTP time. */
  maxMs?: number;
  /** Default 90 kHz (video). */
  clockRate?: number;
}

/** What a fast start is given: the GOP as it stands and when its keyframe arrived. */
export interface GopSnapshot {
  packets: readonly Buffer[];
  keyframeAtMs: number;
}

export class GopCache {
  // Replaced, never emptied in place: a snapshot taken earlier keeps its packets.
  private held: Buffer[] = [];
  private bytes = 0;
  private keyframe: { ts: number; atMs: number } | undefined;
  private readonly maxBytes: number;
  private readonly maxTicks: number;

  constructor(
    private readonly budget: CacheBudget,
    private readonly name: string,
    limits: GopCacheLimits = {},
  ) {
    this.maxBytes = limits.maxBytes ?? 4 * 1024 * 1024;
    this.maxTicks = Math.round(((limits.maxMs ?? 10_000) * (limits.clockRate ?? 90_000)) / 1000);
  }

  /** Packets held now. */
  get size(): number {
    return this.held.length;
  }

  get byteLength(): number {
    return this.bytes;
  }

  /** The GOP held now, oldest first; later pushes never change what it returned. */
  snapshot(): GopSnapshot | undefined {
    if (!this.keyframe || this.held.length === 0) return undefined;
    return { packets: this.held.slice(), keyframeAtMs: this.keyframe.atMs };
  }

  push(packet: Buffer, nowMs = Date.now()): void {
    const ts = rtpTimestamp(packet);
    // Every packet of a keyframe may open with an SPS or IDR start; only a new timestamp is a new GOP.
    if (startsKeyframe(packet) && ts !== this.keyframe?.ts) {
      this.clear();
      this.keyframe = { ts, atMs: nowMs };
    }
    // Packets before the first keyframe could not be decoded anyway.
    if (!this.keyframe) return;
    const elapsed = (ts - this.keyframe.ts) >>> 0;
    const tooLong = elapsed > this.maxTicks && elapsed < 0x80000000;
    if (tooLong || this.bytes + packet.length > this.maxBytes || !this.budget.take(packet.length, this.name)) {
      this.clear(); // a GOP too big to hold: wait for the next one
      return;
    }
    this.held.push(packet);
    this.bytes += packet.length;
  }

  /** Drops the GOP; the cache waits for the next keyframe. */
  clear(): void {
    this.budget.give(this.bytes);
    this.held = [];
    this.bytes = 0;
    this.keyframe = undefined;
  }
}
