// The RTP of one fast start: the cached GOP, then the live packets up to the camera's next
// keyframe, as a stream of its own (its SSRC, sequence numbers from a random base). The cached
// frames went out long ago in camera time; sent back to back with their own timestamps a decoder
// would hold them to that pace and show a picture seconds old for seconds. So they are given
// timestamps FRAME_SPACING_TICKS apart, and every live packet keeps its original spacing,
// shifted to follow the last cached frame as it followed it at the camera. The stream stops
// before the live stream's next keyframe: there the viewer's shared consumer starts.
import { startsKeyframe } from '../codec/h264-nal.js';
import { rtpTimestamp } from '../rtsp/rtp-packet.js';

/**
 * 3 ms at 90 kHz. Browsers schedule frames by their timestamps in whole milliseconds, so frames
 * under 1 ms apart would share a render time; 3 ms keeps each distinct while a 4 s GOP at 25 fps
 * (100 frames) spans 0.3 s, and stays under a 60 Hz display's 16.7 ms, so the frames between are
 * decoded (each P frame needs the one before) and the compositor simply shows the latest.
 */
export const FRAME_SPACING_TICKS = 270;

export interface FastStartRewriterOptions {
  ssrc: number;
  /** The first sequence number (random in service, so a receiver never mistakes it for another stream). */
  seqBase: number;
  spacingTicks?: number;
}

export interface RewrittenGop {
  packets: Buffer[];
  /** Access units: runs of packets with one timestamp. */
  frames: number;
}

export class FastStartRewriter {
  private nextSeq: number;
  private readonly spacing: number;
  /** Original → rewritten timestamp for live packets: rewritten last cached frame − its original. */
  private liveOffset = 0;
  private keyframeTs: number | undefined;
  private cut = false;

  constructor(private readonly options: FastStartRewriterOptions) {
    this.nextSeq = options.seqBase & 0xffff;
    this.spacing = options.spacingTicks ?? FRAME_SPACING_TICKS;
  }

  /** Whether the live stream's next keyframe has come: nothing more is sent. */
  get ended(): boolean {
    return this.cut;
  }

  /** The cached GOP (from its keyframe), rewritten: its first frame keeps its timestamp. */
  cached(gop: readonly Buffer[]): RewrittenGop {
    const first = gop[0];
    if (!first) return { packets: [], frames: 0 };
    this.keyframeTs = rtpTimestamp(first);
    let frames = 0;
    let originalTs: number | undefined;
    let ts = this.keyframeTs;
    const packets = gop.map((packet) => {
      const original = rtpTimestamp(packet);
      if (original !== originalTs) {
        if (originalTs !== undefined) ts = (ts + this.spacing) >>> 0;
        originalTs = original;
        frames++;
      }
      this.liveOffset = (ts - original) >>> 0;
      return this.rewrite(packet, ts);
    });
    return { packets, frames };
  }

  /** A live packet rewritten, or undefined from the live stream's next keyframe on. */
  live(packet: Buffer): Buffer | undefined {
    if (this.cut) return undefined;
    const original = rtpTimestamp(packet);
    // The rest of the cached keyframe (its timestamp) is still the cached GOP's; a new one is the cut.
    if (startsKeyframe(packet) && original !== this.keyframeTs) {
      this.cut = true;
      return undefined;
    }
    return this.rewrite(packet, (original + this.liveOffset) >>> 0);
  }

  /** A copy with our header: the cached packets are shared with the feed and every other fast start. */
  private rewrite(packet: Buffer, ts: number): Buffer {
    const out = Buffer.from(packet);
    out.writeUInt16BE(this.nextSeq, 2);
    out.writeUInt32BE(ts, 4);
    out.writeUInt32BE(this.options.ssrc >>> 0, 8);
    this.nextSeq = (this.nextSeq + 1) & 0xffff;
    return out;
  }
}
