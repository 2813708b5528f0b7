// What each camera stream costs to decode, learnt from the tiles' inbound stats (frame size × fps)
// as they arrive; streams not seen yet are assumed (ASSUMED_FORMAT). The frame rate is rounded, and
// taken only once two samples in a row agree: the first second after a keyframe can decode a burst
// (60+ fps from a 25 fps camera), and one such sample must not drop a tile for the budget.
import { useCallback, useState } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import { ASSUMED_FORMAT, megapixelsPerSecond, type StreamFormat } from './decode-budget.js';

export interface StreamCosts {
  report(cameraId: string, stream: StreamKind, format: StreamFormat): void;
  /** MP/s of a camera's stream. */
  costOf(cameraId: string, stream: StreamKind): number;
}

const key = (cameraId: string, stream: StreamKind): string => `${cameraId}/${stream}`;

export function useStreamCosts(): StreamCosts {
  const [known, setKnown] = useState<ReadonlyMap<string, StreamFormat>>(new Map());
  const [lastSample] = useState(() => new Map<string, StreamFormat>());

  const report = useCallback((cameraId: string, stream: StreamKind, format: StreamFormat) => {
    if (!(format.width > 0 && format.height > 0 && format.fps > 0)) return;
    const rounded = { width: format.width, height: format.height, fps: Math.max(1, Math.round(format.fps / 5) * 5) };
    const before = lastSample.get(key(cameraId, stream));
    lastSample.set(key(cameraId, stream), rounded);
    if (!before || !sameFormat(before, rounded)) return;
    setKnown((previous) => {
      const old = previous.get(key(cameraId, stream));
      if (old && sameFormat(old, rounded)) return previous;
      return new Map(previous).set(key(cameraId, stream), rounded);
    });
  }, [lastSample]);

  const costOf = useCallback(
    (cameraId: string, stream: StreamKind) => megapixelsPerSecond(known.get(key(cameraId, stream)) ?? ASSUMED_FORMAT[stream]),
    [known],
  );

  return { report, costOf };
}

function sameFormat(a: StreamFormat, b: StreamFormat): boolean {
  return a.width === b.width && a.height === b.height && a.fps === b.fps;
}
