// The console's call desk: the queue and boxes (reloaded on every logged-in connection, then kept
// by events), this operator's calls, the actions on alerts with their failures as notices, and the
// call media switched on while this operator has a call.
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { Alert, Outcome } from '../../../common/domain/alert.js';
import { JharokhaError } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import { EngineUnavailableError } from '../engine-client.js';
import type { CallMedia } from '../media/call-media.js';
import { actionMethods, noticeFor, type AlertAction } from './alert-actions.js';
import type { UserSummary } from '../../../common/domain/user.js';
import type { LoginState, OperatorLink } from '../login/operator-link.js';
import { useLogin } from '../login/use-login.js';
import { CLOSED_KEPT, emptyQueue, myCalls, reduceQueue, type MyCalls, type QueueState } from './queue-state.js';

const log = createLogger('call-desk');

/** A failed list is asked for again after this. */
const RELOAD_RETRY_MS = 2_000;
/** A notice on a row goes away by itself after this. */
const NOTICE_MS = 20_000;

export interface CallDesk {
  user: UserSummary | null;
  loginState: LoginState;
  /** Logged in as someone who takes calls, on a live connection: the queue is current. */
  ready: boolean;
  queue: QueueState;
  calls: MyCalls;
  /** Per alert: why the last action on it failed. */
  notices: ReadonlyMap<string, string>;
  /** Alerts with an action on its way to the engine. */
  inFlight: ReadonlySet<string>;
  act: (alert: Alert, action: Exclude<AlertAction, 'close'>) => void;
  /** "Seen, being dealt with": the first one is kept on the alert for every console to see. */
  acknowledge: (alert: Alert) => void;
  /** Resolves to null when closed, else the reason it was not. */
  close: (alert: Alert, outcome: Outcome, note: string) => Promise<string | null>;
  dismissNotice: (alertId: string) => void;
}

export function useCallDesk(link: OperatorLink, media: CallMedia): CallDesk {
  const { user, loginState, ready } = useLogin(link);
  const [queue, dispatch] = useReducer(reduceQueue, emptyQueue);
  const [notices, setNotices] = useState<ReadonlyMap<string, string>>(new Map());
  const [inFlight, setInFlight] = useState<ReadonlySet<string>>(new Set());
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const offs = [
      link.on('alert.changed', (alert) => dispatch({ type: 'alert-changed', alert })),
      link.on('box.changed', (box) => dispatch({ type: 'box-changed', box })),
      link.on('disconnected', () => dispatch({ type: 'connection-lost' })),
    ];
    return () => offs.forEach((off) => off());
  }, [link]);

  // Everything that happened while we were away arrives as no event: reload on every connection.
  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    Promise.all([link.request('alerts.list', { closed: CLOSED_KEPT }), link.request('boxes.list', {})]).then(
      ([{ alerts }, { boxes }]) => {
        if (cancelled) return;
        dispatch({ type: 'boxes-loaded', boxes });
        dispatch({ type: 'alerts-loaded', alerts });
      },
      (error: unknown) => {
        if (cancelled) return;
        log.warn('cannot load the queue; trying again', messageOf(error));
        retry = setTimeout(() => setReloads((n) => n + 1), RELOAD_RETRY_MS);
      },
    );
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
    };
  }, [link, ready, reloads]);

  const me = ready ? (user?.username ?? null) : null;
  const calls = useMemo(() => myCalls(queue, me), [queue, me]);
  const mediaCallId = calls.media?.id ?? null;
  useEffect(() => media.setActiveCall(mediaCallId), [media, mediaCallId]);

  const setNotice = useCallback((alertId: string, notice: string | null) => {
    setNotices((current) => {
      if (notice === null && !current.has(alertId)) return current;
      const next = new Map(current);
      if (notice === null) next.delete(alertId);
      else next.set(alertId, notice);
      return next;
    });
    if (notice !== null) {
      setTimeout(() => setNotices((current) => (current.get(alertId) === notice ? withoutKey(current, alertId) : current)), NOTICE_MS);
    }
  }, []);

  const track = useCallback(
    async (alertId: string, request: () => Promise<{ alert: Alert }>): Promise<string | null> => {
      setNotice(alertId, null);
      setInFlight((current) => new Set(current).add(alertId));
      try {
        const { alert } = await request();
        dispatch({ type: 'alert-changed', alert });
        return null;
      } catch (error) {
        const notice =
          error instanceof EngineUnavailableError
            ? 'Not sent: the engine connection is down'
            : noticeFor(error instanceof JharokhaError ? error.code : null, messageOf(error));
        setNotice(alertId, notice);
        return notice;
      } finally {
        setInFlight((current) => {
          const next = new Set(current);
          next.delete(alertId);
          return next;
        });
      }
    },
    [setNotice],
  );

  const act = useCallback(
    (alert: Alert, action: Exclude<AlertAction, 'close'>) => {
      void track(alert.id, () => link.request(actionMethods[action], { alertId: alert.id }));
    },
    [link, track],
  );

  // Each click is one request key, so a resend of the same click can never apply twice.
  const acknowledge = useCallback(
    (alert: Alert) => {
      const requestKey = crypto.randomUUID();
      void track(alert.id, () => link.request('alert.acknowledge', { alertId: alert.id, note: '', requestKey }));
    },
    [link, track],
  );

  const close = useCallback(
    (alert: Alert, outcome: Outcome, note: string) => {
      const requestKey = crypto.randomUUID();
      return track(alert.id, () => link.request('alert.close', { alertId: alert.id, outcome, note, requestKey }));
    },
    [link, track],
  );

  const dismissNotice = useCallback((alertId: string) => setNotice(alertId, null), [setNotice]);

  return { user, loginState, ready, queue, calls, notices, inFlight, act, acknowledge, close, dismissNotice };
}

function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
