// A site snapshot (site-snapshot.ts) taken into a workstation's own tables: the camera directory,
// users and their login sessions, boxes, walls, layouts and presets, so search, login and direct
// pulls work unchanged while the site is unreachable. The open alerts are the cache's own concern
// (workstation/site-cache.ts), since a workstation does not run the site's queue.
import type { EngineStores } from '../store/engine-stores.js';
import type { UserRepo } from '../store/user-repo.js';
import type { SiteSnapshot, SyncLoginSession, SyncUser } from './site-snapshot.js';

export type SnapshotTargets = Pick<EngineStores, 'cameras' | 'users' | 'boxes' | 'layouts' | 'videoWalls'>;

/** Call inside the caller's transaction, so a crash mid-way leaves the previous copy whole. */
export function applySnapshot(stores: SnapshotTargets, snapshot: SiteSnapshot, askedAt: number, carrying?: ReadonlySet<string>): void {
  const { cameras, users, boxes, layouts, videoWalls } = stores;
  cameras.reconcile(snapshot.cameras);
  cameras.deleteExcept(new Set(snapshot.cameras.map((c) => c.id)));
  replaceUsersFromSite(users, snapshot.users, snapshot.sessions, askedAt, carrying);
  for (const box of snapshot.boxes) boxes.upsert(box);
  for (const wall of snapshot.walls) videoWalls.saveWall(wall);
  for (const layout of snapshot.layouts) layouts.set(layout);
  for (const preset of snapshot.presets) videoWalls.savePreset(preset);
}

/**
 * A workstation taking the site's users as they are (hashes, roles, who is disabled) and their
 * login sessions, so its operators can log in and resume while the site is unreachable. A user the
 * site no longer has is disabled here; a local session older than the snapshot and not in it was
 * ended at the site. Sessions that started here after the snapshot was asked for (`askedAt`, this
 * machine's clock), and logins still on their way to the site (`carrying`), are kept.
 */
export function replaceUsersFromSite(
  users: UserRepo,
  siteUsers: readonly SyncUser[],
  sessions: readonly SyncLoginSession[],
  askedAt: number,
  carrying: ReadonlySet<string> = new Set(),
): void {
  users.transaction(() => {
    for (const user of siteUsers) users.putStored(user);
    const known = new Set(siteUsers.map((u) => u.username));
    users.disableAllExcept(known);
    const live = new Set(sessions.map((s) => s.tokenHash));
    for (const tokenHash of users.sessionsOpenedBefore(askedAt)) {
      if (!live.has(tokenHash) && !carrying.has(tokenHash)) users.endSession(tokenHash);
    }
    for (const session of sessions) if (known.has(session.username)) users.openSession(session, askedAt);
    users.pruneSessions();
  });
}
