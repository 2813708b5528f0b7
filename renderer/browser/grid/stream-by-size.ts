// Which stream a tile's size calls for. A camera's sub stream (640x360 in practice) looks the same
// as its main stream in a tile that shows no more pixels than it has, at a fraction of the decode;
// a bigger tile needs the main stream's detail. The band around the threshold stops a tile that is
// resized (or sits exactly at the size) from switching back and forth.
import type { StreamKind } from '../../../common/domain/camera.js';

/** A size in device pixels (CSS pixels × devicePixelRatio). */
export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

export interface SizePolicy {
  /** A tile that fits within this many device pixels (both ways) uses the sub stream. */
  readonly subBelow: PixelSize;
  /** Fraction either side of the threshold within which a tile keeps the stream it has. */
  readonly hysteresis: number;
}

export const DEFAULT_SIZE_POLICY: SizePolicy = { subBelow: { width: 640, height: 360 }, hysteresis: 0.1 };

export function devicePixels(cssWidth: number, cssHeight: number, devicePixelRatio: number): PixelSize {
  const ratio = Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  return { width: Math.round(cssWidth * ratio), height: Math.round(cssHeight * ratio) };
}

function fitsWithin(size: PixelSize, limit: PixelSize, scale: number): boolean {
  return size.width <= limit.width * scale && size.height <= limit.height * scale;
}

/**
 * The stream for a tile shown at `size`. A tile goes up to main only once it is clearly bigger
 * than the threshold (by `hysteresis`) and back down to sub only once it is clearly smaller; a
 * tile with no stream yet takes the threshold itself.
 */
export function streamForSize(size: PixelSize, previous: StreamKind | null, policy: SizePolicy = DEFAULT_SIZE_POLICY): StreamKind {
  if (previous === 'sub') return fitsWithin(size, policy.subBelow, 1 + policy.hysteresis) ? 'sub' : 'main';
  if (previous === 'main') return fitsWithin(size, policy.subBelow, 1 - policy.hysteresis) ? 'sub' : 'main';
  return fitsWithin(size, policy.subBelow, 1) ? 'sub' : 'main';
}
