// One watch per occupied tile, two while a tile changes stream. A tile keeps its watch while its
// camera and stream stay the same; a new camera replaces it at once, while a new stream for the
// same camera is readied beside the old one and takes over only once it has shown a frame
// (stream-switch.ts), so the tile never goes black. Stopped watches end the engine's pulls.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import type { MediaSession } from '../media/media-session.js';
import type { WatchHandle } from '../media/watch-handle.js';
import type { TileSlots } from './grid-geometry.js';
import { emptyTileWatch, planSwitch, reduceSwitch, type SwitchAction, type SwitchStep, type TileWatchState } from './stream-switch.js';

/** A switch whose new stream shows no frame by then is abandoned (the old stream stays). */
export const SWITCH_TIMEOUT_MS = 10_000;

export type TileWatches = TileWatchState<WatchHandle>;

export interface Watches {
  readonly tiles: ReadonlyArray<TileWatches>;
  /** A tile's video presented its first frame from `handle`. */
  firstFrame(handle: WatchHandle): void;
}

export function useWatches(
  session: MediaSession,
  tiles: TileSlots,
  streamFor: (index: number, cameraId: string) => StreamKind,
  isVisible: (index: number) => boolean,
): Watches {
  const live = useRef<TileWatches[]>([]);
  const [states, setStates] = useState<ReadonlyArray<TileWatches>>([]);
  /** Stopped only after the tiles have drawn the new state: the old picture goes after the new one is up. */
  const toStop = useRef<WatchHandle[]>([]);
  const timers = useRef(new Map<WatchHandle, ReturnType<typeof setTimeout>>());

  const stopLater = useCallback((handles: readonly WatchHandle[]) => {
    for (const handle of handles) {
      clearTimeout(timers.current.get(handle));
      timers.current.delete(handle);
      toStop.current.push(handle);
    }
  }, []);

  /** Applies an action to whichever tile holds `handle`; false when none does. */
  const applyTo = useCallback(
    (handle: WatchHandle, action: SwitchAction<WatchHandle>): boolean => {
      const index = live.current.findIndex((s) => s.active === handle || s.pending === handle);
      if (index < 0) return false;
      const step: SwitchStep<WatchHandle> = reduceSwitch(live.current[index]!, action);
      if (step.state === live.current[index]) return false;
      if (step.state.active === handle) {
        clearTimeout(timers.current.get(handle));
        timers.current.delete(handle);
      }
      stopLater(step.stop);
      live.current = live.current.map((s, i) => (i === index ? step.state : s));
      setStates(live.current);
      return true;
    },
    [stopLater],
  );

  useEffect(() => {
    const previous = live.current;
    let changed = previous.length !== tiles.length;
    const next = tiles.map((cameraId, index) => {
      const state: TileWatches = previous[index] ?? emptyTileWatch;
      const wanted = cameraId === null ? 'main' : streamFor(index, cameraId);
      let step: SwitchStep<WatchHandle>;
      switch (planSwitch(state, cameraId, wanted, isVisible(index))) {
        case 'keep':
          return state;
        case 'assign':
          step = reduceSwitch<WatchHandle>(state, { type: 'assign', handle: cameraId === null ? null : session.watch(cameraId, wanted) });
          break;
        case 'prepare': {
          const handle = session.watch(cameraId!, wanted);
          timers.current.set(
            handle,
            setTimeout(() => applyTo(handle, { type: 'failed', handle }), SWITCH_TIMEOUT_MS),
          );
          step = reduceSwitch<WatchHandle>(state, { type: 'prepare', handle });
          break;
        }
        case 'cancel':
          step = reduceSwitch<WatchHandle>(state, { type: 'cancel' });
          break;
      }
      changed = true;
      stopLater(step.stop);
      return step.state;
    });
    for (const gone of previous.slice(tiles.length)) stopLater([gone.active, gone.pending].filter((h): h is WatchHandle => h !== null));
    if (!changed) return;
    live.current = next;
    setStates(next);
    // `states` re-runs the plan after a swap or a first frame (a tile with nothing shown yet may
    // now switch without waiting).
  }, [session, tiles, streamFor, isVisible, states, applyTo, stopLater]);

  useEffect(() => {
    for (const handle of toStop.current.splice(0)) handle.stop();
  }, [states]);

  useEffect(
    () => () => {
      for (const timer of timers.current.values()) clearTimeout(timer);
      timers.current.clear();
      for (const handle of toStop.current.splice(0)) handle.stop();
      for (const state of live.current) {
        state.active?.stop();
        state.pending?.stop();
      }
      live.current = [];
    },
    [session],
  );

  const firstFrame = useCallback((handle: WatchHandle) => void applyTo(handle, { type: 'presented', handle }), [applyTo]);
  return { tiles: states, firstFrame };
}
