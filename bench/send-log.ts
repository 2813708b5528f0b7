// When each frame left the camera simulator: a bench-only wrapper round SimSession.sendFrame that
// notes, per camera stream, the session's RTP timestamp of every frame it sent and the wall-clock
// time (performance.timeOrigin + performance.now(), the same clock a page on this machine reads)
// just before the frame's packets were written. The simulator itself is untouched.
import { SimSession } from '../sim/node/sim-session.js';

/** Wall-clock milliseconds with sub-millisecond precision, comparable with a page's timeOrigin + now. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

const KEEP_MS = 120_000;

interface StreamLog {
  /** RTP timestamp (as the session sent it) → wall-clock send time of the frame's first packet. */
  sent: Map<number, number>;
  /** The key frames among them: RTP timestamp → send time. */
  keyframes: Map<number, number>;
}

export class SendLog {
  private readonly streams = new Map<string, StreamLog>();
  private pruneAt = 0;

  record(cameraId: string, stream: string, rtp: number, at: number, keyframe: boolean): void {
    const key = `${cameraId}/${stream}`;
    let log = this.streams.get(key);
    if (!log) this.streams.set(key, (log = { sent: new Map(), keyframes: new Map() }));
    if (!log.sent.has(rtp)) log.sent.set(rtp, at);
    if (keyframe && !log.keyframes.has(rtp)) log.keyframes.set(rtp, at);
    if (at > this.pruneAt) this.prune(at);
  }

  /** When the frame with this RTP timestamp left the simulator (any session of the camera). */
  sentAt(cameraId: string, rtp: number, stream = 'main'): number | undefined {
    return this.streams.get(`${cameraId}/${stream}`)?.sent.get(rtp >>> 0);
  }

  /** The last key frame sent at or before `at` (for forwarders that rebase timestamps). */
  keyframeBefore(cameraId: string, at: number, stream = 'main'): { rtp: number; at: number } | undefined {
    const log = this.streams.get(`${cameraId}/${stream}`);
    let found: { rtp: number; at: number } | undefined;
    for (const [rtp, sentAt] of log?.keyframes ?? []) if (sentAt <= at) found = { rtp, at: sentAt };
    return found;
  }

  /** Key frames sent at or after `since`, oldest first. */
  keyframesSince(cameraId: string, since: number, stream = 'main'): { rtp: number; at: number }[] {
    const log = this.streams.get(`${cameraId}/${stream}`);
    return [...(log?.keyframes ?? [])].filter(([, at]) => at >= since).map(([rtp, at]) => ({ rtp, at }));
  }

  /** The frames sent from the one with this RTP timestamp on, in the order they left (none if it is unknown). */
  framesFrom(cameraId: string, rtp: number, stream = 'main'): { rtp: number; at: number }[] {
    const sent = this.streams.get(`${cameraId}/${stream}`)?.sent;
    if (!sent?.has(rtp >>> 0)) return [];
    const all = [...sent].map(([r, at]) => ({ rtp: r, at }));
    return all.slice(all.findIndex((f) => f.rtp === rtp >>> 0));
  }

  /** When the key frame with this RTP timestamp was sent, or undefined if it is no key frame. */
  keyframeAt(cameraId: string, rtp: number, stream = 'main'): number | undefined {
    return this.streams.get(`${cameraId}/${stream}`)?.keyframes.get(rtp >>> 0);
  }

  /** Frames of a camera stream that left the simulator within [from, to) (wall-clock ms). */
  countSent(cameraId: string, stream: string, from: number, to: number): number {
    let n = 0;
    for (const at of this.streams.get(`${cameraId}/${stream}`)?.sent.values() ?? []) if (at >= from && at < to) n++;
    return n;
  }

  private prune(now: number): void {
    this.pruneAt = now + 10_000;
    for (const log of this.streams.values()) {
      for (const map of [log.sent, log.keyframes]) {
        for (const [rtp, at] of map) {
          if (now - at <= KEEP_MS) break; // a Map iterates in insertion order: the rest are newer
          map.delete(rtp);
        }
      }
    }
  }
}

let installed: SendLog | undefined;

/** Installs the wrapper once per process and returns the log it fills. */
export function installSendLog(): SendLog {
  if (installed) return installed;
  const log = new SendLog();
  const original = SimSession.prototype.sendFrame;
  SimSession.prototype.sendFrame = function (this: SimSession, payloads, streamTimestamp, keyframe) {
    const packetsBefore = this.packetCount;
    const at = epochNow();
    original.call(this, payloads, streamTimestamp, keyframe);
    // Frames a session skipped (TCP backlog, waiting for a keyframe) sent nothing.
    if (this.packetCount !== packetsBefore) log.record(this.cameraId, this.stream, this.rtpTime(streamTimestamp), at, keyframe);
  };
  installed = log;
  return log;
}
