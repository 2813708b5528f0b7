import { useCallback, useSyncExternalStore } from 'react';
import type { ConnectionStatus, EngineClient } from '../engine-client.js';

export function useConnectionStatus(client: EngineClient): ConnectionStatus {
  const subscribe = useCallback(
    (notify: () => void) => {
      const offs = [client.on('connected', notify), client.on('disconnected', notify), client.on('reconnecting', notify)];
      return () => offs.forEach((off) => off());
    },
    [client],
  );
  return useSyncExternalStore(subscribe, () => client.getStatus());
}
