// Workstations: engines on operators' desks that keep a cache of the site (GET /api/sync/snapshot)
// and work on from it when the site is unreachable, delivering what their operators did once it is
// back (sync.deliver). Each authenticates with its own key, made here, shown once, stored hashed.
import { z } from 'zod';
import { JharokhaError, parseInput } from '../../../../common/errors.js';
import type { Db } from './database.js';
import { hashMachineKey, machineKeyMatches, newMachineKey } from './machine-key.js';

export const WorkstationId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'workstation ids are lower-case letters, digits and dashes');

const WorkstationName = z.string().trim().min(1).max(80);

export interface StoredWorkstation {
  id: string;
  name: string;
  /** Set once its key was revoked: it may no longer connect or fetch the snapshot. */
  revokedAt?: number;
  createdAt: number;
}

interface Row {
  id: string;
  name: string;
  key_hash: Buffer | null;
  revoked_at: number | null;
  created_at: number;
}

const toStored = (row: Row): StoredWorkstation => ({
  id: row.id,
  name: row.name,
  ...(row.revoked_at != null ? { revokedAt: row.revoked_at } : {}),
  createdAt: row.created_at,
});

export class WorkstationRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Registers a workstation (or re-registers one: a new name and a new key, revocation lifted) and
   * returns its key: the only time the key is ever seen. Any earlier key stops working.
   */
  register(id: string, name: string): string {
    const wsId = parseInput(WorkstationId, id, 'workstation id');
    const wsName = parseInput(WorkstationName, name, 'workstation name');
    const key = newMachineKey();
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO workstations (id, name, key_hash, revoked_at, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, key_hash = excluded.key_hash, revoked_at = NULL,
           updated_at = excluded.updated_at`,
      )
      .run(wsId, wsName, hashMachineKey(key), now, now);
    return key;
  }

  /** True only for a known, unrevoked workstation whose key matches (constant-time comparison). */
  verifyKey(id: string, key: string): boolean {
    const row = this.db.prepare('SELECT key_hash, revoked_at FROM workstations WHERE id = ?').get(id) as
      | Pick<Row, 'key_hash' | 'revoked_at'>
      | undefined;
    if (!row || row.revoked_at != null) return false;
    return machineKeyMatches(row.key_hash, key);
  }

  /** A lost or retired workstation: its key is forgotten and it can no longer connect. */
  revoke(id: string): void {
    const now = this.now();
    const { changes } = this.db
      .prepare('UPDATE workstations SET key_hash = NULL, revoked_at = ?, updated_at = ? WHERE id = ?')
      .run(now, now, id);
    if (changes !== 1) throw new JharokhaError('NotFound', `no workstation ${id}`);
  }

  get(id: string): StoredWorkstation | undefined {
    const row = this.db.prepare('SELECT * FROM workstations WHERE id = ?').get(id) as Row | undefined;
    return row && toStored(row);
  }

  /** Every workstation, revoked ones included, by id. */
  list(): StoredWorkstation[] {
    return (this.db.prepare('SELECT * FROM workstations ORDER BY id').all() as Row[]).map(toStored);
  }
}
