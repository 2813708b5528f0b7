// Keeps every open socket's principal honest: a revoked key, a disabled user or an ended login closes
// its sockets within a second, and their media with them (Connection.close). Revocations made in
// this process call check() at once; the CLI writes the same SQLite file from its own process and
// tells nobody, so the store's commit counter (PRAGMA data_version) is polled and a moved counter
// means check() again. A login can also simply expire, which no commit announces: every
// FULL_CHECK_MS the check runs anyway. Each check is one indexed read per socket.
import { createLogger } from '../../../../common/logger.js';
import type { AuditLog } from '../store/audit-log.js';
import { KEY_REVOKED, type Connection } from './connection.js';
import { actorLabel } from './connection-context.js';

const log = createLogger('revocation');

export const REVOCATION_POLL_MS = 250;
const FULL_CHECK_MS = 30_000;

export interface RevocationWatchOptions {
  connections: () => Iterable<Connection>;
  /** The store's commit counter as this process's connection sees it (store/database.ts dataVersion). */
  storeVersion: () => number;
  audit: AuditLog;
  pollMs?: number;
}

export class RevocationWatch {
  private readonly timer: NodeJS.Timeout;
  private version: number;
  private checkedAt = Date.now();

  constructor(private readonly options: RevocationWatchOptions) {
    this.version = options.storeVersion();
    this.timer = setInterval(() => this.poll(), options.pollMs ?? REVOCATION_POLL_MS);
    this.timer.unref();
  }

  /** Asks every socket whether its principal still stands; closes those that do not, audited per principal. */
  check(): void {
    this.checkedAt = Date.now();
    const closed = new Map<string, { reason: string; sockets: number }>();
    for (const connection of [...this.options.connections()]) {
      try {
        const why = connection.revocation();
        if (!why) continue;
        // The principal that lost its standing: the user for an ended login, else the key's owner.
        const target = connection.user && why !== KEY_REVOKED ? `user:${connection.user.username}` : actorLabel(connection);
        connection.close(why);
        const entry = closed.get(target) ?? { reason: why.reason, sockets: 0 };
        entry.sockets += 1;
        closed.set(target, entry);
      } catch (error) {
        log.error(`checking connection ${connection.id} against the store failed`, error);
      }
    }
    for (const [target, { reason, sockets }] of closed) {
      log.info(`${target}: ${reason}; sockets closed: ${sockets}`);
      this.options.audit.append({ actor: 'engine', action: 'revocation.socketsClosed', target, detail: { reason, sockets } });
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  private poll(): void {
    try {
      const version = this.options.storeVersion();
      if (version === this.version && Date.now() - this.checkedAt < FULL_CHECK_MS) return;
      this.version = version;
    } catch (error) {
      log.error('reading the store version failed', error);
      return;
    }
    this.check();
  }
}
