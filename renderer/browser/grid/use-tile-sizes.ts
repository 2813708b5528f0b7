// How big each tile is shown, in device pixels (ResizeObserver), and the stream that size calls
// for. The choice carries its previous value so the hysteresis in streamForSize holds.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import { devicePixels, streamForSize, type SizePolicy } from './stream-by-size.js';

export interface TileSizes {
  /** A stable callback ref for tile `index`. */
  refFor(index: number): (element: HTMLDivElement | null) => void;
  /** The stream each measured tile's size calls for; a tile not measured yet is absent. */
  readonly byIndex: ReadonlyMap<number, StreamKind>;
}

export function useTileSizes(policy: SizePolicy): TileSizes {
  const [byIndex, setByIndex] = useState<ReadonlyMap<number, StreamKind>>(new Map());
  const observer = useRef<ResizeObserver | null>(null);
  const elements = useRef(new Map<number, HTMLDivElement>());
  const refs = useRef(new Map<number, (element: HTMLDivElement | null) => void>());
  const policyRef = useRef(policy);
  policyRef.current = policy;

  const getObserver = useCallback((): ResizeObserver => {
    observer.current ??= new ResizeObserver((entries) => {
      setByIndex((previous) => {
        let next: Map<number, StreamKind> | null = null;
        for (const entry of entries) {
          const index = Number((entry.target as HTMLElement).dataset.tileIndex);
          if (!Number.isInteger(index)) continue;
          const { width, height } = entry.contentRect;
          const stream = streamForSize(devicePixels(width, height, window.devicePixelRatio), previous.get(index) ?? null, policyRef.current);
          if (previous.get(index) === stream) continue;
          next ??= new Map(previous);
          next.set(index, stream);
        }
        return next ?? previous;
      });
    });
    return observer.current;
  }, []);

  useEffect(
    () => () => {
      observer.current?.disconnect();
      observer.current = null;
    },
    [],
  );

  const refFor = useCallback(
    (index: number) => {
      let ref = refs.current.get(index);
      if (!ref) {
        ref = (element: HTMLDivElement | null) => {
          const previous = elements.current.get(index);
          if (previous && previous !== element) getObserver().unobserve(previous);
          if (element) {
            elements.current.set(index, element);
            getObserver().observe(element);
          } else {
            elements.current.delete(index);
          }
        };
        refs.current.set(index, ref);
      }
      return ref;
    },
    [getObserver],
  );

  return { refFor, byIndex };
}
