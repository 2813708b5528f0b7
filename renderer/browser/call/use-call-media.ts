import { useCallback, useSyncExternalStore } from 'react';
import type { CallMedia } from '../media/call-media.js';

/** Re-renders whenever the call media changes (capture, producers, remote tracks). */
export function useCallMediaSnapshot(media: CallMedia): number {
  const subscribe = useCallback((notify: () => void) => media.subscribe(notify), [media]);
  return useSyncExternalStore(subscribe, () => media.snapshot);
}
