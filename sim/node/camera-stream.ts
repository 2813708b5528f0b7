// One camera stream (main or sub): a frame clock shared by all its playing sessions. It runs only
// while someone watches, schedules by absolute time so it never drifts, and keeps RTP time
// continuous across clip loops.
import type { Clip } from './clip.js';
import { DEFAULT_MAX_PAYLOAD, type RtpPayload, packetizeAccessUnit } from './rtp-packetizer.js';
import type { SimSession, StreamName } from './sim-session.js';

const SENDER_REPORT_INTERVAL_MS = 1000;
/** Further behind than this (a blocked event loop), the clock jumps instead of bursting frames out. */
const MAX_LAG_MS = 500;

// Packetized once per clip and payload limit, then shared by every camera playing that clip.
const packetCache = new WeakMap<Clip, Map<number, RtpPayload[][]>>();

function packetizeClip(clip: Clip, maxPayload: number): RtpPayload[][] {
  let byLimit = packetCache.get(clip);
  if (!byLimit) packetCache.set(clip, (byLimit = new Map()));
  let frames = byLimit.get(maxPayload);
  if (!frames) {
    frames = clip.frames.map((unit) => packetizeAccessUnit(clip.codec, unit, maxPayload));
    byLimit.set(maxPayload, frames);
  }
  return frames;
}

export class CameraStream {
  readonly sessions = new Set<SimSession>();
  frozen = false;
  private readonly udpFrames: RtpPayload[][];
  private readonly tcpFrames: RtpPayload[][];
  private readonly frameMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** performance.now() at which frame number 0 of the timeline is due. */
  private epoch = 0;
  /** Frames since the timeline began: RTP time is nextFrame * 90000 / fps. */
  private nextFrame = 0;
  private clipIndex = 0;
  private lastReportAt = 0;

  constructor(
    readonly cameraId: string,
    readonly name: StreamName,
    readonly clip: Clip,
    tcpMaxPayload = DEFAULT_MAX_PAYLOAD,
  ) {
    this.frameMs = 1000 / clip.fps;
    this.udpFrames = packetizeClip(clip, DEFAULT_MAX_PAYLOAD);
    this.tcpFrames = packetizeClip(clip, tcpMaxPayload);
  }

  /** RTP time (before a session's offset) of the next frame to go out: what PLAY's RTP-Info announces. */
  get nextTimestamp(): number {
    return this.timestampOf(this.nextFrame);
  }

  private timestampOf(frame: number): number {
    return Math.round((frame * 90_000) / this.clip.fps) % 2 ** 32;
  }

  add(session: SimSession): void {
    this.sessions.add(session);
    if (this.timer === undefined) this.start();
  }

  remove(session: SimSession): void {
    this.sessions.delete(session);
    if (this.sessions.size === 0) this.stop();
  }

  // A fresh start plays the clip from its first IDR, so the first viewer decodes at once.
  private start(): void {
    this.clipIndex = 0;
    this.epoch = performance.now() - this.nextFrame * this.frameMs;
    this.lastReportAt = 0;
    this.timer = setTimeout(this.tick, 0);
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    const now = performance.now();
    if (now - this.dueAt(this.nextFrame) > MAX_LAG_MS) this.epoch = now - this.nextFrame * this.frameMs;
    while (this.dueAt(this.nextFrame) <= now + 1) this.sendNext();
    if (!this.frozen && now - this.lastReportAt >= SENDER_REPORT_INTERVAL_MS) {
      this.lastReportAt = now;
      this.report(() => true);
    } else if (!this.frozen) {
      this.report((s) => !s.reportedOnce);
    }
    this.timer =
      this.sessions.size > 0
        ? setTimeout(this.tick, Math.max(0, this.dueAt(this.nextFrame) - performance.now()))
        : undefined;
  };

  private dueAt(frame: number): number {
    return this.epoch + frame * this.frameMs;
  }

  private sendNext(): void {
    const index = this.clipIndex;
    const timestamp = this.timestampOf(this.nextFrame);
    this.nextFrame += 1;
    this.clipIndex = (index + 1) % this.clip.frames.length;
    // A frozen camera keeps its clock running so it resumes in real time, as a stalled camera does.
    if (this.frozen) return;
    const keyframe = this.clip.frames[index]?.keyframe ?? false;
    for (const session of this.sessions) {
      const frames = session.transport.kind === 'tcp' ? this.tcpFrames : this.udpFrames;
      session.sendFrame(frames[index] ?? [], timestamp, keyframe);
    }
  }

  // The SR pairs "now" on the wall clock with the RTP time the timeline gives "now".
  private report(which: (s: SimSession) => boolean): void {
    const wallClockMs = Date.now();
    const rtpNow = Math.round((performance.now() - this.epoch) * 90) % 2 ** 32;
    for (const session of this.sessions) if (which(session)) session.sendSenderReport(wallClockMs, rtpNow);
  }
}
