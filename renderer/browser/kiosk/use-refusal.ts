// Whether the engine is refusing this kiosk (a wrong or revoked key), as opposed to being away.
import { useEffect, useState } from 'react';
import type { EngineClient } from '../engine-client.js';
import { ATTEMPTS_BEFORE_CHECK, closeCodeOf, engineAnswers, isRefusalCode } from './connection-check.js';

export function useRefusal(client: EngineClient): boolean {
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let checking = false;
    const offConnected = client.on('connected', () => setRefused(false));
    const offDisconnected = client.on('disconnected', (reason) => {
      if (isRefusalCode(closeCodeOf(reason))) {
        setRefused(true);
        return;
      }
      if (checking || client.getStatus().attempt < ATTEMPTS_BEFORE_CHECK) return;
      checking = true;
      void engineAnswers((url, init) => fetch(url, init), window.location.origin).then((up) => {
        checking = false;
        if (!cancelled && !client.connected) setRefused(up);
      });
    });
    return () => {
      cancelled = true;
      offConnected();
      offDisconnected();
    };
  }, [client]);
  return refused;
}
