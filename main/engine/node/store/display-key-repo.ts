// Each wall display's own key: a wall PC or browser showing display D of wall W connects with it
// and may watch only what D shows. Issued by an installer, shown once, stored only as a hash
// (machine-key.ts); revoking it refuses the display's next connection and closes its open ones.
import type { WallDisplayRef } from '../../../../common/domain/wall.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { Db } from './database.js';
import { hashMachineKey, localDisplayKey, machineKeyMatches, newMachineKey } from './machine-key.js';

export interface StoredDisplayKey extends WallDisplayRef {
  hasKey: boolean;
  /** Set once revoked: no key, local or issued, opens a socket for this display until a new one is issued. */
  revokedAt?: number;
}

interface Row {
  wall_id: string;
  display_id: string;
  key_hash: string | null;
  revoked_at: number | null;
}

const toStored = (row: Row): StoredDisplayKey => ({
  wallId: row.wall_id,
  displayId: row.display_id,
  hasKey: row.key_hash != null,
  ...(row.revoked_at != null ? { revokedAt: row.revoked_at } : {}),
});

/** keyChanged: the display's earlier key no longer opens anything (revoked, or replaced by a new one). */
export type DisplayKeyEvents = { keyChanged: [ref: WallDisplayRef] };

export class DisplayKeyRepo extends TypedEmitter<DisplayKeyEvents> {
  constructor(private readonly db: Db) {
    super();
  }

  /** Sets the display's key (stored hashed), replacing any earlier one; a revoked display is enrolled again. */
  setKey(ref: WallDisplayRef, key: string): void {
    this.db
      .prepare(
        `INSERT INTO display_keys (wall_id, display_id, key_hash, revoked_at, updated_at) VALUES (?, ?, ?, NULL, ?)
         ON CONFLICT(wall_id, display_id) DO UPDATE SET key_hash = excluded.key_hash, revoked_at = NULL, updated_at = excluded.updated_at`,
      )
      .run(ref.wallId, ref.displayId, hashMachineKey(key).toString('hex'), Date.now());
    this.safeEmit('keyChanged', ref);
  }

  /** A fresh random key for the display, returned: the only time it is ever seen. */
  issueKey(ref: WallDisplayRef): string {
    const key = newMachineKey();
    this.setKey(ref, key);
    return key;
  }

  /**
   * True for the display's issued key, or its key derived from `localSecret` (the shell that runs
   * this engine), unless the display was revoked. Comparisons take constant time.
   */
  verifyKey(ref: WallDisplayRef, key: string, localSecret?: Buffer): boolean {
    const row = this.row(ref);
    if (row?.revoked_at != null) return false;
    if (row?.key_hash != null && machineKeyMatches(Buffer.from(row.key_hash, 'hex'), key)) return true;
    return localSecret !== undefined && machineKeyMatches(hashMachineKey(localDisplayKey(localSecret, ref.wallId, ref.displayId)), key);
  }

  /** Revokes the display's key (a stolen wall PC): its sockets close and it may not connect again. */
  revoke(ref: WallDisplayRef): void {
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO display_keys (wall_id, display_id, key_hash, revoked_at, updated_at) VALUES (?, ?, NULL, ?, ?)
         ON CONFLICT(wall_id, display_id) DO UPDATE SET key_hash = NULL, revoked_at = excluded.revoked_at, updated_at = excluded.updated_at`,
      )
      .run(ref.wallId, ref.displayId, now, now);
    this.safeEmit('keyChanged', ref);
  }

  get(ref: WallDisplayRef): StoredDisplayKey {
    const row = this.row(ref);
    return row ? toStored(row) : { ...ref, hasKey: false };
  }

  list(): StoredDisplayKey[] {
    return (this.db.prepare('SELECT * FROM display_keys ORDER BY wall_id, display_id').all() as Row[]).map(toStored);
  }

  private row(ref: WallDisplayRef): Row | undefined {
    return this.db.prepare('SELECT * FROM display_keys WHERE wall_id = ? AND display_id = ?').get(ref.wallId, ref.displayId) as Row | undefined;
  }
}
