// The workstation's copy of what it needs from the site to keep working alone: the directory tables
// are taken as the snapshot has them (sync/apply-snapshot.ts); the open alerts go into cached_alerts,
// because this engine does not run the site's queue (it must not escalate or ring on its own).
import { Alert, compareAlerts } from '../../../../common/domain/alert.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { Db } from '../store/database.js';
import { applySnapshot, type SnapshotTargets } from '../sync/apply-snapshot.js';
import type { SiteSnapshot } from '../sync/site-snapshot.js';

export interface SiteCacheParts extends SnapshotTargets {
  db: Db;
}

export type SiteCacheEvents = { alert: [alert: Alert] };

export class SiteCache extends TypedEmitter<SiteCacheEvents> {
  constructor(private readonly parts: SiteCacheParts) {
    super();
  }

  /**
   * One transaction: a crash mid-way leaves the previous copy whole, never half of each. `askedAt`
   * is this machine's time when the snapshot was asked for: logins are compared in our own clock,
   * since the site's (snapshot.takenAt) may run ahead or behind. `carrying`: token hashes of logins
   * made here that the outbox has not delivered yet (the site cannot know them so far).
   */
  apply(snapshot: SiteSnapshot, askedAt: number, carrying?: ReadonlySet<string>): void {
    const { db } = this.parts;
    db.transaction(() => {
      applySnapshot(this.parts, snapshot, askedAt, carrying);
      db.prepare('DELETE FROM cached_alerts').run();
      for (const alert of snapshot.alerts) this.writeAlert(alert);
      db.prepare('INSERT INTO site_sync (id, synced_at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET synced_at = excluded.synced_at').run(snapshot.takenAt);
    })();
  }

  /** A change the site pushed: stored, then shown. */
  putAlert(alert: Alert): void {
    this.store(alert);
    this.announce(alert);
  }

  /** Writes without telling anyone: for a caller's transaction, which announces after its commit. */
  store(alert: Alert): void {
    this.writeAlert(alert);
  }

  announce(alert: Alert): void {
    this.safeEmit('alert', alert);
  }

  alert(alertId: string): Alert | undefined {
    const row = this.parts.db.prepare('SELECT alert FROM cached_alerts WHERE id = ?').get(alertId) as { alert: string } | undefined;
    return row && Alert.parse(JSON.parse(row.alert));
  }

  /** Open alerts in queue order (closed ones leave the cache at the next snapshot). */
  openAlerts(): Alert[] {
    const rows = this.parts.db.prepare('SELECT alert FROM cached_alerts').all() as { alert: string }[];
    return rows
      .map((row) => Alert.parse(JSON.parse(row.alert)))
      .filter((alert) => alert.state !== 'closed')
      .sort(compareAlerts);
  }

  /** When the copy last caught up with the site (site time), if ever. */
  syncedAt(): number | undefined {
    const row = this.parts.db.prepare('SELECT synced_at FROM site_sync WHERE id = 1').get() as { synced_at: number } | undefined;
    return row?.synced_at;
  }

  private writeAlert(alert: Alert): void {
    this.parts.db
      .prepare(
        `INSERT INTO cached_alerts (id, alert, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET alert = excluded.alert, updated_at = excluded.updated_at`,
      )
      .run(alert.id, JSON.stringify(alert), Date.now());
  }
}
