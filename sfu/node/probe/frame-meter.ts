// Frame rate, keyframe interval and bitrate measured from RTP as it arrives: a frame is a distinct
// RTP timestamp (RFC 3550 5.1), so the rate is what the camera really sends, whatever its SDP says.
// Timestamps are unwrapped through 32-bit wrap-around; late (reordered) packets never count twice.
import { MAX_PARAMETER_SET_BYTES } from '../../../common/bit-reader.js';
import type { RtpView } from '../rtsp/rtp-packet.js';
import type { VideoCodec } from '../rtsp/sdp.js';
import { inspectPayload } from './nal-inspect.js';

/** Above this a rate is not believable: the camera's timestamps are broken, not its encoder. */
const MAX_FPS = 1000;

export class FrameMeter {
  private lastRaw: number | undefined;
  private cursor = 0;
  /** Unwrapped timestamp of the newest frame, and of the first. */
  private newest = 0;
  private first = 0;
  private frameCount = 0;
  private readonly keyframeTimes: number[] = [];
  private payloadBytes = 0;
  private firstArrival: number | undefined;
  private lastArrival = 0;
  /** The latest SPS sent in-band, for cameras that leave it out of the SDP. */
  inBandSps: Buffer | undefined;

  constructor(
    private readonly codec: VideoCodec,
    private readonly clockRate: number,
  ) {}

  push(packet: RtpView, arrivedAt: number): void {
    this.payloadBytes += packet.payload.length;
    this.firstArrival ??= arrivedAt;
    this.lastArrival = arrivedAt;
    const extended = this.unwrap(packet.timestamp);
    if (this.frameCount === 0) {
      this.first = this.newest = extended;
      this.frameCount = 1;
    } else if (extended > this.newest) {
      this.newest = extended;
      this.frameCount += 1;
    }
    const facts = inspectPayload(this.codec, packet.payload);
    if (facts.sps && facts.sps.length <= MAX_PARAMETER_SET_BYTES) this.inBandSps = Buffer.from(facts.sps);
    // A keyframe's packets share its timestamp; count it once, and only if it is not a late straggler.
    if (facts.keyframe && extended >= this.newest && this.keyframeTimes.at(-1) !== extended) this.keyframeTimes.push(extended);
  }

  get frames(): number {
    return this.frameCount;
  }

  get keyframes(): number {
    return this.keyframeTimes.length;
  }

  /** Seconds of video (by RTP time) between the first and newest frame. */
  get spanS(): number {
    return (this.newest - this.first) / this.clockRate;
  }

  /** Frames per second over the window, or undefined with fewer than two frames or absurd timestamps. */
  fps(): number | undefined {
    if (this.frameCount < 2 || this.newest <= this.first) return undefined;
    const fps = (this.frameCount - 1) / this.spanS;
    return fps > 0 && fps <= MAX_FPS ? round(fps, 2) : undefined;
  }

  /** Mean seconds between consecutive keyframes, or undefined until two have been seen. */
  keyframeIntervalS(): number | undefined {
    const times = this.keyframeTimes;
    if (times.length < 2) return undefined;
    const span = ((times.at(-1) as number) - (times[0] as number)) / this.clockRate;
    return span > 0 ? round(span / (times.length - 1), 3) : undefined;
  }

  /** Payload bits per second of wall-clock arrival, or undefined over less than half a second. */
  bitrateKbps(): number | undefined {
    if (this.firstArrival === undefined) return undefined;
    const seconds = (this.lastArrival - this.firstArrival) / 1000;
    return seconds >= 0.5 ? round((this.payloadBytes * 8) / seconds / 1000, 1) : undefined;
  }

  private unwrap(raw: number): number {
    if (this.lastRaw === undefined) this.cursor = raw;
    else this.cursor += (raw - this.lastRaw) | 0; // signed 32-bit distance: wrap-around either way
    this.lastRaw = raw;
    return this.cursor;
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
