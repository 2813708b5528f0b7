// The engine's handle on one fast start: a viewer's own short stream from the feed's shard (the
// cached GOP rewritten, then live until the camera's next keyframe), sent to a PlainTransport the
// engine made for that viewer. It ends once, with why; close() stops it from this side.
import { TypedEmitter } from '../../../common/typed-emitter.js';
import type { FastStartEndReason, FastStartInfo, Target } from './shard-protocol.js';

export interface FastStartSpec {
  /** The SSRC the viewer's fast-start producer expects. */
  ssrc: number;
  /** The viewer's PlainTransport (comedia: it learns the shard's port from the first packet). */
  target: Target;
}

/**
 * keyframe: the live stream's next keyframe came (not sent here: the shared consumer starts on
 * it); no-gop: nothing cached yet; busy: the feed runs its maximum; timeout: no keyframe in 12 s;
 * closed: the feed closed; lost: its shard died.
 */
export type FastStartEnd = FastStartEndReason | 'closed' | 'lost';

export type FastStartEvents = {
  /** The cached GOP went out: its frames and packets, and how old its keyframe was. */
  started: [info: FastStartInfo];
  ended: [reason: FastStartEnd];
};

export class FastStart extends TypedEmitter<FastStartEvents> {
  private closed = false;

  constructor(
    readonly id: number,
    private readonly stop: (fastStart: FastStart) => void,
  ) {
    super();
  }

  /** Idempotent: the shard stops sending it; no more events. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stop(this);
    this.removeAllListeners();
  }

  // What the feed hears from the shard, or decides itself.

  onStarted(info: FastStartInfo): void {
    if (!this.closed) this.safeEmit('started', info);
  }

  onEnded(reason: FastStartEnd): void {
    if (this.closed) return;
    this.closed = true;
    this.safeEmit('ended', reason);
    this.removeAllListeners();
  }
}
