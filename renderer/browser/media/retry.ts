// One pending retry at a time, with growing delays (backoff.ts), reset once the thing works.
import { reconnectDelayMs } from '../../../common/backoff.js';

export class Retry {
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly attempt: () => void) {}

  succeeded(): void {
    this.failures = 0;
  }

  /** Schedules the next attempt unless one is already pending. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.attempt();
    }, reconnectDelayMs(this.failures++));
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
