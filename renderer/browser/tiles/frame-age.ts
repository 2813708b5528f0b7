// How old the newest presented frame is: the one number that tells an operator whether the picture
// in front of them is now or a frozen moment from before.
export type FrameAgeLevel = 'none' | 'fresh' | 'late' | 'old';

/** Past this, a picture is visibly behind (a missed keyframe, a congested link). */
export const LATE_AFTER_MS = 1_000;
/** Past this, treat the picture as frozen. */
export const OLD_AFTER_MS = 3_000;

export function frameAgeLevel(ageMs: number | null): FrameAgeLevel {
  if (ageMs === null) return 'none';
  if (ageMs < LATE_AFTER_MS) return 'fresh';
  if (ageMs < OLD_AFTER_MS) return 'late';
  return 'old';
}

export function formatFrameAge(ageMs: number | null): string {
  if (ageMs === null) return 'no frame';
  const seconds = Math.max(0, ageMs) / 1000;
  if (seconds < 10) return `${(Math.floor(seconds * 10) / 10).toFixed(1)} s`;
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}

/** The value of data-last-frame-age-ms: "none" (not a number) until a frame has been presented. */
export function frameAgeAttribute(ageMs: number | null): string {
  return ageMs === null ? 'none' : String(Math.max(0, Math.round(ageMs)));
}
