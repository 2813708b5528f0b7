// The alerts table and its history, row by row. No rules here: AlertQueue decides what may change
// and wraps every write in its own transaction.
import { Alert, type AlertState } from '../../../../common/domain/alert.js';
import type { Db } from '../store/database.js';

interface Row {
  id: string;
  box_id: string;
  kind: string;
  state: string;
  raised_at: number;
  operator: string | null;
  answered_at: number | null;
  escalated_at: number | null;
  closed_at: number | null;
  outcome: string | null;
  note: string | null;
  incident_cameras: string;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
}

/** A write already applied under a client's requestKey (migration 6); a press that joined an open alert is one, under its pressId. */
export interface AppliedRequest {
  method: string;
  alertId: string;
}

/** A row as the shared Alert type: absent optional fields are left out, never null. */
function toAlert(row: Row): Alert {
  const optional = {
    operator: row.operator,
    answeredAt: row.answered_at,
    escalatedAt: row.escalated_at,
    closedAt: row.closed_at,
    outcome: row.outcome,
    note: row.note,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
  };
  return Alert.parse({
    id: row.id,
    boxId: row.box_id,
    kind: row.kind,
    state: row.state,
    raisedAt: row.raised_at,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value != null)),
    incidentCameras: JSON.parse(row.incident_cameras),
  });
}

const mutable = (alert: Alert) => ({
  id: alert.id,
  kind: alert.kind,
  state: alert.state,
  operator: alert.operator ?? null,
  answeredAt: alert.answeredAt ?? null,
  escalatedAt: alert.escalatedAt ?? null,
  closedAt: alert.closedAt ?? null,
  outcome: alert.outcome ?? null,
  note: alert.note ?? null,
  acknowledgedBy: alert.acknowledgedBy ?? null,
  acknowledgedAt: alert.acknowledgedAt ?? null,
});

export class AlertStore {
  constructor(private readonly db: Db) {}

  get(id: string): Alert | undefined {
    const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;
    return row && toAlert(row);
  }

  byPressId(pressId: string): Alert | undefined {
    const row = this.db.prepare('SELECT * FROM alerts WHERE press_id = ?').get(pressId) as Row | undefined;
    return row && toAlert(row);
  }

  /** Every alert not yet closed, in no particular order. */
  open(): Alert[] {
    return (this.db.prepare("SELECT * FROM alerts WHERE state <> 'closed'").all() as Row[]).map(toAlert);
  }

  openForBox(boxId: string): Alert[] {
    const rows = this.db.prepare("SELECT * FROM alerts WHERE box_id = ? AND state <> 'closed'").all(boxId) as Row[];
    return rows.map(toAlert);
  }

  recentlyClosed(limit: number): Alert[] {
    if (limit === 0) return [];
    const rows = this.db
      .prepare("SELECT * FROM alerts WHERE state = 'closed' ORDER BY closed_at DESC, id DESC LIMIT ?")
      .all(limit) as Row[];
    return rows.map(toAlert);
  }

  /** The call this operator is talking on (a unique index allows at most one). */
  answeredBy(operator: string): Alert | undefined {
    const row = this.db.prepare("SELECT * FROM alerts WHERE state = 'answered' AND operator = ?").get(operator) as
      | Row
      | undefined;
    return row && toAlert(row);
  }

  insert(alert: Alert, press: { pressId: string; pressedAt?: number }): void {
    this.db
      .prepare(
        `INSERT INTO alerts (id, box_id, kind, state, press_id, raised_at, pressed_at, operator, answered_at,
           escalated_at, closed_at, outcome, note, acknowledged_by, acknowledged_at, incident_cameras)
         VALUES (@id, @boxId, @kind, @state, @pressId, @raisedAt, @pressedAt, @operator, @answeredAt,
           @escalatedAt, @closedAt, @outcome, @note, @acknowledgedBy, @acknowledgedAt, @incidentCameras)`,
      )
      .run({
        ...mutable(alert),
        boxId: alert.boxId,
        pressId: press.pressId,
        raisedAt: alert.raisedAt,
        pressedAt: press.pressedAt ?? null,
        incidentCameras: JSON.stringify(alert.incidentCameras),
      });
  }

  /**
   * Writes `next` only if the row is still in state `from` (compare-and-set), so a change decided
   * on a stale read can never overwrite another: true when it was written.
   */
  update(from: AlertState, next: Alert): boolean {
    const { changes } = this.db
      .prepare(
        `UPDATE alerts SET kind = @kind, state = @state, operator = @operator, answered_at = @answeredAt, escalated_at = @escalatedAt,
           closed_at = @closedAt, outcome = @outcome, note = @note, acknowledged_by = @acknowledgedBy,
           acknowledged_at = @acknowledgedAt
         WHERE id = @id AND state = @from`,
      )
      .run({ ...mutable(next), from });
    return changes === 1;
  }

  addHistory(alertId: string, at: number, state: string, actor: string): void {
    this.db.prepare('INSERT INTO alert_history (alert_id, at, state, actor) VALUES (?, ?, ?, ?)').run(alertId, at, state, actor);
  }

  appliedRequest(requestKey: string): AppliedRequest | undefined {
    const row = this.db.prepare('SELECT method, alert_id FROM applied_requests WHERE request_key = ?').get(requestKey) as
      | { method: string; alert_id: string }
      | undefined;
    return row && { method: row.method, alertId: row.alert_id };
  }

  /** Called in the transaction of the change it records, so neither exists without the other. */
  recordRequest(requestKey: string, method: string, alertId: string, at: number): void {
    this.db.prepare('INSERT INTO applied_requests (request_key, method, alert_id, applied_at) VALUES (?, ?, ?, ?)').run(requestKey, method, alertId, at);
  }
}
