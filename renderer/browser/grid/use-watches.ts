// One watch per occupied tile. A tile keeps its watch while its camera and stream stay the same;
// any change stops the old watch (the engine releases the pull) and starts a new one.
import { useEffect, useRef, useState } from 'react';
import type { StreamKind } from '../../../common/domain/camera.js';
import type { MediaSession } from '../media/media-session.js';
import type { WatchHandle } from '../media/watch-handle.js';
import type { TileSlots } from './grid-geometry.js';

export function useWatches(
  session: MediaSession,
  tiles: TileSlots,
  streamFor: (cameraId: string) => StreamKind,
): ReadonlyArray<WatchHandle | null> {
  const live = useRef<Array<WatchHandle | null>>([]);
  const [handles, setHandles] = useState<ReadonlyArray<WatchHandle | null>>([]);

  useEffect(() => {
    const previous = live.current;
    const next = tiles.map((cameraId, index) => {
      const old = previous[index] ?? null;
      if (cameraId === null) return null;
      const stream = streamFor(cameraId);
      if (old && !old.isStopped && old.cameraId === cameraId && old.stream === stream) return old;
      return session.watch(cameraId, stream);
    });
    previous.forEach((old, index) => {
      if (old && next[index] !== old) old.stop();
    });
    live.current = next;
    setHandles(next);
  }, [session, tiles, streamFor]);

  useEffect(
    () => () => {
      for (const handle of live.current) handle?.stop();
      live.current = [];
    },
    [session],
  );

  return handles;
}
