// One fast start inside a shard: the feed's cached GOP and then its live packets, rewritten by a
// FastStartRewriter, on a UDP socket of its own connected to the viewer's PlainTransport (comedia:
// it learns this socket's port from the first packet, which is why the feed's socket is not used).
// It ends at the live stream's next keyframe, after MAX_MS, or when the engine or the feed stops it.
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { createLogger } from '../../../common/logger.js';
import { FastStartRewriter } from './fast-start-rewriter.js';
import type { GopSnapshot } from './gop-cache.js';
import type { FastStartEndReason, FastStartInfo, Target } from './shard-protocol.js';

const log = createLogger('ingest-shard');

/** Each runs its own socket and copy of the GOP: more than this per feed and a recall could flood the shard. */
export const MAX_FAST_STARTS_PER_FEED = 8;

/** A fast start that has not met a keyframe by then is given up: the shared consumer has its own. */
export const FAST_START_MAX_MS = 12_000;

// The cached GOP goes out at most this many bytes per millisecond (256 Mbit/s: a 2 MB GOP in
// about 70 ms, its keyframe in a few). Sent in one burst, a real camera's GOP of a few MB would
// overrun the receiving socket's buffer: mediasoup leaves it at Linux's default, about 200 kB,
// which on loopback holds some 90 full-size packets; every packet lost there is a frame the
// decoder cannot rebuild. One burst fills under half of it, so the worker may stall a moment.
const BURST_BYTES = 32 * 1024;

export interface FastStreamHooks {
  started(info: FastStartInfo): void;
  ended(reason: FastStartEndReason): void;
}

export class FastStream {
  /** Rewritten packets not yet sent, from `head` on (shift() would copy a GOP's worth each time). */
  private queue: Buffer[] = [];
  private head = 0;
  private readonly rewriter: FastStartRewriter;
  private readonly socket = dgram.createSocket('udp4');
  private readonly timer: NodeJS.Timeout;
  private connected = false;
  private pumpTimer: NodeJS.Timeout | undefined;
  /** Cached packets still to hand to the socket; `started` goes once they all have. */
  private cachedLeft: number;
  private readonly info: FastStartInfo;
  private socketErrors = 0;
  private closed = false;

  /**
   * Takes the GOP now and every live packet after it (`live`), in the same turn, so none falls
   * between; what arrives before the socket is connected waits in the queue.
   */
  constructor(
    readonly name: string,
    ssrc: number,
    target: Target,
    gop: GopSnapshot,
    private readonly hooks: FastStreamHooks,
    nowMs = Date.now(),
  ) {
    this.rewriter = new FastStartRewriter({ ssrc, seqBase: randomInt(0, 0x10000) });
    const cached = this.rewriter.cached(gop.packets);
    this.queue = cached.packets;
    this.cachedLeft = cached.packets.length;
    this.info = { frames: cached.frames, packets: cached.packets.length, gopAgeMs: Math.max(0, nowMs - gop.keyframeAtMs) };
    this.timer = setTimeout(() => this.end('timeout'), FAST_START_MAX_MS);
    this.open(target);
  }

  private open(target: Target): void {
    // RTCP from the viewer's transport (receiver reports, NACKs) is read and dropped: nothing here can resend.
    this.socket.on('message', () => undefined);
    // A viewer's transport gone answers with ICMP port unreachable: the engine is closing this one.
    this.socket.on('error', (error) => {
      if (++this.socketErrors === 1) log.warn(`${this.name}: fast start socket error`, error.message);
    });
    this.socket.bind(0, '127.0.0.1', () => {
      if (this.closed) return;
      this.socket.connect(target.port, target.ip, () => {
        if (this.closed) return;
        this.connected = true;
        this.pump();
      });
    });
  }

  /** A live packet of the feed: sent after what is queued, or the cut at its next keyframe. */
  live(packet: Buffer): void {
    if (this.closed || this.rewriter.ended) return;
    const out = this.rewriter.live(packet);
    if (out) this.queue.push(out);
    this.pump();
  }

  private pump(): void {
    if (this.closed || !this.connected || this.pumpTimer) return;
    let bytes = 0;
    while (this.head < this.queue.length && bytes < BURST_BYTES) {
      const packet = this.queue[this.head++]!;
      this.socket.send(packet);
      bytes += packet.length;
      if (this.cachedLeft > 0 && --this.cachedLeft === 0) this.hooks.started(this.info);
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    if (this.queue.length > 0) {
      this.pumpTimer = setTimeout(() => {
        this.pumpTimer = undefined;
        this.pump();
      }, 1);
    } else if (this.rewriter.ended) {
      this.end('keyframe');
    }
  }

  private end(reason: FastStartEndReason): void {
    if (this.closed) return;
    this.close();
    this.hooks.ended(reason);
  }

  /** Idempotent: nothing more is sent and the socket goes; no `ended` (the caller knows why). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.pumpTimer);
    this.queue = [];
    try {
      this.socket.close();
    } catch {
      // closed already by a failed bind
    }
  }
}
