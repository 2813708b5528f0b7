// The audit trail: who did what to what, and when. Append-only; an entry is written in the same
// transaction as the change it records, so the trail never claims a change that did not happen.
import { AuditEntry } from '../../../../common/domain/audit.js';
import type { Db } from './database.js';

export interface AuditInput {
  actor: string;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

interface Row {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
}

export class AuditLog {
  constructor(private readonly db: Db) {}

  /** A plain insert: the caller wraps it in the transaction of the change it records. */
  append(entry: AuditInput, at = Date.now()): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
      .run(at, entry.actor, entry.action, entry.target, entry.detail ? JSON.stringify(entry.detail) : null);
  }

  /** Newest first; only one target's entries when `target` is given. */
  list(options: { limit: number; target?: string }): AuditEntry[] {
    const rows = (
      options.target === undefined
        ? this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(options.limit)
        : this.db.prepare('SELECT * FROM audit_log WHERE target = ? ORDER BY id DESC LIMIT ?').all(options.target, options.limit)
    ) as Row[];
    return rows.map((row) =>
      AuditEntry.parse({
        id: row.id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.target,
        ...(row.detail != null ? { detail: JSON.parse(row.detail) } : {}),
      }),
    );
  }
}
