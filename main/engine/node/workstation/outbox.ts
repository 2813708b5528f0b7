// What operators did on this workstation while the site was unreachable, kept in its SQLite file
// (synchronous=FULL: an operator told "saved" has it on disk) and delivered to the site in order,
// each with its own request key, so a delivery retried after a lost answer is applied once. An
// action the site refuses (the call was closed meanwhile) is kept with the site's reason, not retried.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Alert } from '../../../../common/domain/alert.js';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import { methods, type MethodParams } from '../../../../common/protocol/methods.js';
import type { Db } from '../store/database.js';

const log = createLogger('outbox');

const DeliverParams = methods['sync.deliver'].params;
export type OutboxAction = z.infer<typeof DeliverParams>['action'];

export interface OutboxEntry {
  requestKey: string;
  username: string;
  action: OutboxAction;
  createdAt: number;
  deliveredAt?: number;
  /** Why the site refused it, when it did. */
  refused?: string;
}

interface Row {
  request_key: string;
  username: string;
  action: string;
  created_at: number;
  delivered_at: number | null;
  refused: string | null;
}

/** The part of the site link the outbox needs. */
export interface DeliveryLine {
  request(method: 'sync.deliver', params: MethodParams<'sync.deliver'>): Promise<{ alert?: Alert }>;
}

// Errors that mean "try again later"; any other answer from the site is its final word.
const retryable = new Set(['Unavailable', 'Timeout', 'Internal']);

const toEntry = (row: Row): OutboxEntry => ({
  requestKey: row.request_key,
  username: row.username,
  action: DeliverParams.shape.action.parse(JSON.parse(row.action)),
  createdAt: row.created_at,
  ...(row.delivered_at !== null ? { deliveredAt: row.delivered_at } : {}),
  ...(row.refused !== null ? { refused: row.refused } : {}),
});

export class Outbox {
  private delivering: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an action; call inside the transaction that changes the cache, so both or neither land. */
  record(username: string, action: OutboxAction, requestKey: string = randomUUID()): OutboxEntry {
    const createdAt = this.now();
    this.db
      .prepare('INSERT INTO outbox (request_key, username, action, created_at) VALUES (?, ?, ?, ?)')
      .run(requestKey, username, JSON.stringify(action), createdAt);
    return { requestKey, username, action, createdAt };
  }

  has(requestKey: string): boolean {
    return this.db.prepare('SELECT 1 FROM outbox WHERE request_key = ?').get(requestKey) !== undefined;
  }

  pending(): OutboxEntry[] {
    return (this.db.prepare('SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY seq').all() as Row[]).map(toEntry);
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL').get() as { n: number }).n;
  }

  /** Token hashes of the logins still waiting to be carried to the site. */
  carriedLogins(): Set<string> {
    const hashes = this.pending().flatMap((entry) => (entry.action.method === 'session.carry' ? [entry.action.params.tokenHash] : []));
    return new Set(hashes);
  }

  entries(): OutboxEntry[] {
    return (this.db.prepare('SELECT * FROM outbox ORDER BY seq').all() as Row[]).map(toEntry);
  }

  /**
   * Delivers what is pending, oldest first; stops at the first failure that retrying may fix (the
   * rest wait for the next round, keeping their order). One round at a time; a second caller waits
   * for the one running. Resolves with how many the site accepted or refused this round; onResult
   * sees each accepted action's alert as the site now has it.
   */
  deliver(line: DeliveryLine, onResult: (alert: Alert) => void): Promise<number> {
    this.delivering ??= this.deliverRound(line, onResult).finally(() => (this.delivering = undefined));
    return this.delivering;
  }

  private async deliverRound(line: DeliveryLine, onResult: (alert: Alert) => void): Promise<number> {
    let settled = 0;
    for (const entry of this.pending()) {
      try {
        const { alert } = await line.request('sync.deliver', {
          requestKey: entry.requestKey,
          username: entry.username,
          at: entry.createdAt,
          action: entry.action,
        });
        this.markDelivered(entry.requestKey, null);
        if (alert) onResult(alert);
      } catch (error) {
        const code = error instanceof JharokhaError ? error.code : 'Internal';
        if (retryable.has(code)) {
          log.info(`delivery paused at ${entry.action.method} ${entry.requestKey}: ${String(error)}`);
          break;
        }
        const reason = error instanceof Error ? error.message : String(error);
        log.warn(`the site refused ${entry.username}'s ${entry.action.method} (${entry.requestKey}): ${reason}`);
        this.markDelivered(entry.requestKey, reason);
      }
      settled++;
    }
    return settled;
  }

  private markDelivered(requestKey: string, refused: string | null): void {
    this.db.prepare('UPDATE outbox SET delivered_at = ?, refused = ? WHERE request_key = ?').run(this.now(), refused, requestKey);
  }
}
