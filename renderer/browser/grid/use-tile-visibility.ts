// Which tiles an operator can actually see: on screen (IntersectionObserver) and the page itself
// visible (document.visibilityState). Hidden tiles are paused by the grid to save decode and
// bandwidth; a minimised console must not keep pulling sixteen streams.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface TileVisibility {
  /** A stable callback ref for tile `index`. */
  refFor(index: number): (element: HTMLDivElement | null) => void;
  /** A new function whenever any tile's visibility changes (so it can be an effect dependency). */
  isVisible(index: number): boolean;
}

export function useTileVisibility(): TileVisibility {
  const [pageVisible, setPageVisible] = useState(() => document.visibilityState === 'visible');
  const [onScreen, setOnScreen] = useState<ReadonlyMap<number, boolean>>(new Map());
  const observer = useRef<IntersectionObserver | null>(null);
  const elements = useRef(new Map<number, HTMLDivElement>());
  const refs = useRef(new Map<number, (element: HTMLDivElement | null) => void>());

  useEffect(() => {
    const onChange = (): void => {
      setPageVisible(document.visibilityState === 'visible');
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);

  const getObserver = useCallback((): IntersectionObserver => {
    observer.current ??= new IntersectionObserver((entries) => {
      setOnScreen((previous) => {
        const next = new Map(previous);
        for (const entry of entries) {
          const index = Number((entry.target as HTMLElement).dataset.tileIndex);
          if (Number.isInteger(index)) next.set(index, entry.isIntersecting);
        }
        return next;
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

  // Until the observer has reported, a tile counts as visible: no pause/resume flicker at start.
  const isVisible = useCallback((index: number) => pageVisible && (onScreen.get(index) ?? true), [pageVisible, onScreen]);

  return { refFor, isVisible };
}
