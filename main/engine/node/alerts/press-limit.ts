// How often one call box may press. A stolen kiosk key must not fill the audit log and the
// disk with presses; a real person presses a few times. The count is kept in memory: after an
// engine restart a box starts afresh, which only ever lets a person through sooner.
import { JharokhaError } from '../../../../common/errors.js';

export interface PressLimit {
  /** Presses taken from one box in any window of `windowMs`. */
  presses: number;
  windowMs: number;
}

export const DEFAULT_PRESS_LIMIT: PressLimit = { presses: 10, windowMs: 10_000 };

export class PressWindow {
  /** Per box, when each press taken within the window was taken, oldest first. */
  private readonly taken = new Map<string, number[]>();

  constructor(private readonly limit: PressLimit) {}

  /** Throws LimitReached when `boxId` has used up its presses for now. */
  check(boxId: string, now: number): void {
    const times = this.recent(boxId, now);
    if (times.length < this.limit.presses) return;
    const waitS = Math.max(1, Math.ceil((times[0]! + this.limit.windowMs - now) / 1000));
    throw new JharokhaError(
      'LimitReached',
      `call box ${boxId} pressed ${times.length} times within ${this.limit.windowMs / 1000} s (the most a box may): ` +
        `its open alert stands; send this press again in ${waitS} s`,
    );
  }

  record(boxId: string, now: number): void {
    this.taken.set(boxId, [...this.recent(boxId, now), now]);
  }

  private recent(boxId: string, now: number): number[] {
    const times = (this.taken.get(boxId) ?? []).filter((at) => now - at < this.limit.windowMs);
    if (times.length === 0) this.taken.delete(boxId);
    return times;
  }
}
