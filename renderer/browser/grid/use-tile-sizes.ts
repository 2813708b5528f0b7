// How big each tile is shown, in device pixels (ResizeObserver), and the stream that size calls
// for. The choice carries its previous value so the hysteresis in streamForSize holds.
import { useRef, useState } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import { devicePixels, streamForSize, type SizePolicy } from './stream-by-size.js';
import { tileIndexOf, useObservedTiles } from './use-observed-tiles.js';

export interface TileSizes {
  /** A stable callback ref for tile `index`. */
  refFor(index: number): (element: HTMLDivElement | null) => void;
  /** The stream each measured tile's size calls for; a tile not measured yet is absent. */
  readonly byIndex: ReadonlyMap<number, StreamKind>;
}

export function useTileSizes(policy: SizePolicy): TileSizes {
  const [byIndex, setByIndex] = useState<ReadonlyMap<number, StreamKind>>(new Map());
  const policyRef = useRef(policy);
  policyRef.current = policy;
  const refFor = useObservedTiles(
    () =>
      new ResizeObserver((entries) => {
        setByIndex((previous) => {
          let next: Map<number, StreamKind> | null = null;
          for (const entry of entries) {
            const index = tileIndexOf(entry.target);
            if (index === null) continue;
            const { width, height } = entry.contentRect;
            const stream = streamForSize(devicePixels(width, height, window.devicePixelRatio), previous.get(index) ?? null, policyRef.current);
            if (previous.get(index) === stream) continue;
            next ??= new Map(previous);
            next.set(index, stream);
          }
          return next ?? previous;
        });
      }),
  );
  return { refFor, byIndex };
}
