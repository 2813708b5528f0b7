// Which tiles an operator can actually see: on screen (IntersectionObserver) and the page itself
// visible (document.visibilityState). Hidden tiles are paused by the grid to save decode and
// bandwidth; a minimised console must not keep pulling sixteen streams.
import { useCallback, useEffect, useState } from 'react';
import { tileIndexOf, useObservedTiles } from './use-observed-tiles.js';

export interface TileVisibility {
  /** A stable callback ref for tile `index`. */
  refFor(index: number): (element: HTMLDivElement | null) => void;
  /** A new function whenever any tile's visibility changes (so it can be an effect dependency). */
  isVisible(index: number): boolean;
}

export function useTileVisibility(): TileVisibility {
  const [pageVisible, setPageVisible] = useState(() => document.visibilityState === 'visible');
  const [onScreen, setOnScreen] = useState<ReadonlyMap<number, boolean>>(new Map());
  useEffect(() => {
    const onChange = (): void => {
      setPageVisible(document.visibilityState === 'visible');
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);

  const refFor = useObservedTiles(
    () =>
      new IntersectionObserver((entries) => {
        setOnScreen((previous) => {
          const next = new Map(previous);
          for (const entry of entries) {
            const index = tileIndexOf(entry.target);
            if (index !== null) next.set(index, entry.isIntersecting);
          }
          return next;
        });
      }),
  );

  // Until the observer has reported, a tile counts as visible: no pause/resume flicker at start.
  const isVisible = useCallback((index: number) => pageVisible && (onScreen.get(index) ?? true), [pageVisible, onScreen]);

  return { refFor, isVisible };
}
