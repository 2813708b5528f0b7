// Retry delays. Reconnect delays: 1 s doubling to a 10 s ceiling. The random factor (0.8–1.0) keeps fifty wall
// displays from hammering a restarted engine in lockstep, and never goes past the ceiling.
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 10_000;

export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.2 * random()));
}

// Exponential backoff with jitter, so 5,000 cameras behind one failed switch (or fifty workstations
// behind a restarted site server) do not all reconnect in the same instant when it comes back.
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** ± fraction of each delay chosen at random (0.2 → 80–120 %). */
  jitter?: number;
}

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** The next delay: initial × 2^n, capped at max, jittered (never above max). */
  next(): number {
    const base = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return this.jittered(base);
  }

  /** The longest delay, jittered: for failures that retrying soon will not fix. */
  max(): number {
    return this.jittered(this.options.maxMs);
  }

  reset(): void {
    this.attempt = 0;
  }

  private jittered(base: number): number {
    const jitter = this.options.jitter ?? 0.2;
    const factor = 1 - jitter + 2 * jitter * this.random();
    return Math.max(1, Math.min(this.options.maxMs, Math.round(base * factor)));
  }
}
