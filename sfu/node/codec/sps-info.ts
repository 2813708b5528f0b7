// What the probe reads from an SPS, H.264 or H.265 alike.

export interface SpsInfo {
  width: number;
  height: number;
  /** e.g. "Constrained Baseline 3.1". */
  profile: string;
}

/** Picture sizes a camera may plausibly send; anything else means we misread the SPS. */
export function plausibleSize(width: number, height: number): boolean {
  return Number.isInteger(width) && Number.isInteger(height) && width >= 16 && height >= 16 && width <= 16384 && height <= 16384;
}
