// The alert methods a workstation serves while the site is unreachable. The queue lives on the
// site, so nothing here rings, answers or escalates: operators see the open alerts as last known,
// and what they can do without the site (acknowledge, close with an outcome) is written to the
// cache and the outbox in one transaction, then delivered once the site is back.
import type { Alert } from '../../../../common/domain/alert.js';
import { acknowledgeRefusal, closeRefusal } from '../../../../common/domain/alert-rules.js';
import { JharokhaError } from '../../../../common/errors.js';
import { callTaker, type Handlers } from '../api/connection-context.js';
import type { AuditLog } from '../store/audit-log.js';
import type { Db } from '../store/database.js';
import type { BoxRepo } from '../store/box-repo.js';
import type { Outbox, OutboxAction } from './outbox.js';
import type { SiteCache } from './site-cache.js';

type OfflineMethod =
  | 'alerts.list'
  | 'boxes.list'
  | 'alert.acknowledge'
  | 'alert.close'
  | 'alert.answer'
  | 'alert.hold'
  | 'alert.resume'
  | 'alert.hangup'
  | 'alert.callback';

export interface OfflineParts {
  db: Db;
  cache: SiteCache;
  outbox: Outbox;
  boxes: BoxRepo;
  audit: AuditLog;
  now?: () => number;
  /** Told after an action was queued (the pages' count of waiting actions changes). */
  onQueued?: () => void;
}

const needsSite = (): never => {
  throw new JharokhaError('Unavailable', 'the site server is unreachable: calls can be answered again once it is back');
};

export function createOfflineAlertHandlers(parts: OfflineParts): Pick<Handlers, OfflineMethod> {
  const now = parts.now ?? Date.now;

  const cachedAlert = (alertId: string): Alert => {
    const alert = parts.cache.alert(alertId);
    if (!alert) throw new JharokhaError('NotFound', `no open alert ${alertId} in this workstation's copy`);
    return alert;
  };

  /** Cache change, outbox entry and audit entry in one transaction; the change is shown after it. */
  const recordOffline = (who: string, next: Alert, action: OutboxAction, requestKey: string | undefined): Alert => {
    if (requestKey && parts.outbox.has(requestKey)) return cachedAlert(next.id);
    parts.db.transaction(() => {
      const entry = parts.outbox.record(who, action, requestKey);
      parts.cache.store(next);
      parts.audit.append({ actor: who, action: `${action.method}.queued`, target: `alert:${next.id}`, detail: { requestKey: entry.requestKey } });
    })();
    parts.cache.announce(next);
    parts.onQueued?.();
    return next;
  };

  return {
    'alerts.list': () => ({ alerts: parts.cache.openAlerts() }),
    'boxes.list': () => ({
      boxes: parts.boxes.list().map(({ id, name, place, lat, lon, cameraId }) => ({ id, name, place, lat, lon, ...(cameraId ? { cameraId } : {}), online: false })),
    }),
    'alert.acknowledge': (params, conn) => {
      const who = callTaker(conn);
      const alert = cachedAlert(params.alertId);
      const refusal = acknowledgeRefusal(alert);
      if (refusal) throw new JharokhaError('InvalidState', refusal);
      const next: Alert = alert.acknowledgedBy ? alert : { ...alert, acknowledgedBy: who.name, acknowledgedAt: now() };
      const action: OutboxAction = { method: 'alert.acknowledge', params: { alertId: alert.id, note: params.note } };
      return { alert: recordOffline(who.name, next, action, params.requestKey) };
    },
    'alert.close': (params, conn) => {
      const who = callTaker(conn);
      const alert = cachedAlert(params.alertId);
      const refusal = closeRefusal(alert, who);
      if (refusal) throw new JharokhaError(alert.state === 'closed' ? 'InvalidState' : 'Forbidden', refusal);
      const next: Alert = { ...alert, state: 'closed', closedAt: now(), outcome: params.outcome, ...(params.note ? { note: params.note } : {}) };
      const action: OutboxAction = { method: 'alert.close', params: { alertId: alert.id, outcome: params.outcome, note: params.note } };
      return { alert: recordOffline(who.name, next, action, params.requestKey) };
    },
    'alert.answer': needsSite,
    'alert.hold': needsSite,
    'alert.resume': needsSite,
    'alert.hangup': needsSite,
    'alert.callback': needsSite,
  };
}
