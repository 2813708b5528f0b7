// The kiosk's state: its box, the call shown, the presses not yet confirmed, and whether the engine
// is there (or refusing us). box.status on every (re)connect catches up on what happened meanwhile.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Alert, AlertKind, AlertState, CallBoxSummary } from '../../../common/domain/alert.js';
import { createLogger } from '../../../common/logger.js';
import type { EngineClient } from '../engine-client.js';
import type { CallMedia } from '../media/call-media.js';
import { useConnectionStatus } from '../ui/use-connection-status.js';
import { useNow } from '../ui/use-now.js';
import { activeCallId, applyAlert, noCall, pressedKind, shownState, type KioskCall } from './kiosk-call.js';
import type { PressSender } from './press-sender.js';
import { useRefusal } from './use-refusal.js';

const log = createLogger('kiosk');

export interface KioskView {
  connected: boolean;
  refused: boolean;
  box: CallBoxSummary | null;
  call: KioskCall;
  state: AlertState | 'idle';
  pending: number;
  /** Which button shows as pressed. */
  pressed: AlertKind | null;
  press: (kind: AlertKind) => void;
}

export function useKiosk(client: EngineClient, sender: PressSender, media: CallMedia, boxId: string): KioskView {
  const connected = useConnectionStatus(client).connected;
  const refused = useRefusal(client);
  const [call, setCall] = useState<KioskCall>(noCall);
  const [box, setBox] = useState<CallBoxSummary | null>(null);
  const subscribePending = useCallback((notify: () => void) => sender.on('change', notify), [sender]);
  const pendingPresses = useSyncExternalStore(subscribePending, () => sender.pending);

  const take = useCallback(
    (alert: Alert, fromStatus = false) => setCall((current) => applyAlert(current, alert, boxId, Date.now(), fromStatus)),
    [boxId],
  );

  useEffect(() => {
    const offs = [
      client.on('alert.changed', (alert) => take(alert)),
      client.on('box.changed', (next) => {
        if (next.id === boxId) setBox(next);
      }),
      sender.on('delivered', (alert) => take(alert)),
    ];
    return () => offs.forEach((off) => off());
  }, [client, sender, boxId, take]);

  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    client.request('box.status', {}).then(
      ({ box: summary, alert }) => {
        if (cancelled) return;
        setBox(summary);
        if (alert) take(alert, true);
      },
      (error: unknown) => log.warn('box.status failed', error instanceof Error ? error.message : error),
    );
    return () => {
      cancelled = true;
    };
  }, [client, connected, take]);

  const activeId = activeCallId(call);
  useEffect(() => media.setActiveCall(activeId), [media, activeId]);

  // A finished call goes back to "press a button" by itself.
  useNow(1_000, call.finishedSeenAt !== null);
  const now = Date.now();
  const state = shownState(call, now);
  const pressed = pressedKind(call, pendingPresses, now);
  const press = useCallback((kind: AlertKind) => void sender.press(kind), [sender]);

  return { connected, refused, box, call, state, pending: pendingPresses.length, pressed, press };
}
