// One observer (IntersectionObserver, ResizeObserver) watching every tile element of a grid, made
// on first use and disconnected on unmount, with a stable callback ref per tile index.
import { useCallback, useEffect, useRef } from 'react';

interface ElementObserver {
  observe(element: Element): void;
  unobserve(element: Element): void;
  disconnect(): void;
}

/** The tile index an observed element carries in data-tile-index, or null. */
export function tileIndexOf(target: Element): number | null {
  const index = Number((target as HTMLElement).dataset.tileIndex);
  return Number.isInteger(index) ? index : null;
}

/** `create` is called once; its callback may only use stable things (state setters, refs). */
export function useObservedTiles(create: () => ElementObserver): (index: number) => (element: HTMLDivElement | null) => void {
  const make = useRef(create).current;
  const observer = useRef<ElementObserver | null>(null);
  const elements = useRef(new Map<number, HTMLDivElement>());
  const refs = useRef(new Map<number, (element: HTMLDivElement | null) => void>());

  const getObserver = useCallback((): ElementObserver => (observer.current ??= make()), [make]);

  useEffect(
    () => () => {
      observer.current?.disconnect();
      observer.current = null;
    },
    [],
  );

  return useCallback(
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
}
