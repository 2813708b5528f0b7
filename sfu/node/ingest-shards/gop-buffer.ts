// The current GOP of one camera stream, from its keyframe, while nobody may be sent it yet.
// An RTSP camera cannot be asked for a keyframe, so the one a held stream last sent is a new
// consumer's only chance to start before the camera's next interval. Bounded in bytes and in RTP
// time: a GOP longer than either is dropped and the buffer waits for the next keyframe, and a
// camera that never sends one leaves it empty.
import { startsKeyframe } from '../codec/h264-nal.js';
import { rtpTimestamp } from '../rtsp/rtp-packet.js';

export interface GopBufferLimits {
  /** Default 4 MB: a 2 s GOP at 16 Mbit/s. */
  maxBytes?: number;
  /** Default 10 s of RTP time. */
  maxMs?: number;
  /** Default 90 kHz (video). */
  clockRate?: number;
}

export class GopBuffer {
  private packets: Buffer[] = [];
  private bytes = 0;
  private keyframeTs: number | undefined;
  private readonly maxBytes: number;
  private readonly maxTicks: number;

  constructor(limits: GopBufferLimits = {}) {
    this.maxBytes = limits.maxBytes ?? 4 * 1024 * 1024;
    this.maxTicks = Math.round(((limits.maxMs ?? 10_000) * (limits.clockRate ?? 90_000)) / 1000);
  }

  /** Packets held now. */
  get size(): number {
    return this.packets.length;
  }

  get byteLength(): number {
    return this.bytes;
  }

  push(packet: Buffer): void {
    const ts = rtpTimestamp(packet);
    // Every packet of a keyframe may open with an SPS or IDR start; only a new timestamp is a new GOP.
    if (startsKeyframe(packet) && ts !== this.keyframeTs) {
      this.clear();
      this.keyframeTs = ts;
    }
    // Packets before the first keyframe could not be decoded anyway.
    if (this.keyframeTs === undefined) return;
    const elapsed = (ts - this.keyframeTs) >>> 0;
    if (this.bytes + packet.length > this.maxBytes || (elapsed > this.maxTicks && elapsed < 0x80000000)) {
      this.clear(); // a GOP too long to hold: wait for the next one
      return;
    }
    this.packets.push(packet);
    this.bytes += packet.length;
  }

  /** The held GOP, in order; the buffer is left empty and waits for the next keyframe. */
  take(): Buffer[] {
    const held = this.packets;
    this.packets = [];
    this.bytes = 0;
    this.keyframeTs = undefined;
    return held;
  }

  clear(): void {
    this.take();
  }
}
