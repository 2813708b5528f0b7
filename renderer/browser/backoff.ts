// Reconnect delays: 1 s doubling to a 10 s ceiling. The random factor (0.8–1.0) keeps fifty wall
// displays from hammering a restarted engine in lockstep, and never goes past the ceiling.
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 10_000;

export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.2 * random()));
}
