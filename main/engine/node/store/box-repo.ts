// The emergency call boxes and their kiosk credentials. A box's key is stored only as a hash and
// never leaves the engine; summaries for consoles are built from StoredCallBox without it.
import { z } from 'zod';
import { CallBoxSummary } from '../../../../common/domain/alert.js';
import { JharokhaError, parseInput } from '../../../../common/errors.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { Db } from './database.js';
import { hashMachineKey, MachineKey, machineKeyMatches, newMachineKey } from './machine-key.js';

/** A box as the engine stores it (trust boundary for imports and the demo site alike). */
export const CallBoxRecord = CallBoxSummary.omit({ online: true });
export type CallBoxRecord = z.infer<typeof CallBoxRecord>;

export interface StoredCallBox extends CallBoxRecord {
  /** Set once the box's key was revoked: its kiosk may no longer connect or press. */
  revokedAt?: number;
  hasKey: boolean;
}

interface Row {
  id: string;
  name: string;
  place: string;
  lat: number;
  lon: number;
  camera_id: string | null;
  key_hash: string | null;
  revoked_at: number | null;
}

function toStored(row: Row): StoredCallBox {
  return {
    id: row.id,
    name: row.name,
    place: row.place,
    lat: row.lat,
    lon: row.lon,
    ...(row.camera_id ? { cameraId: row.camera_id } : {}),
    ...(row.revoked_at != null ? { revokedAt: row.revoked_at } : {}),
    hasKey: row.key_hash != null,
  };
}

/** keyChanged: the box's earlier key no longer opens anything (revoked, or replaced by a new one). */
export type BoxRepoEvents = { keyChanged: [boxId: string] };

export class BoxRepo extends TypedEmitter<BoxRepoEvents> {
  constructor(private readonly db: Db) {
    super();
  }

  /** Inserts or updates a box's description; its key and revocation are left as they are. */
  upsert(input: CallBoxRecord): void {
    const box = parseInput(CallBoxRecord, input, 'call box');
    this.db
      .prepare(
        `INSERT INTO call_boxes (id, name, place, lat, lon, camera_id, updated_at)
         VALUES (@id, @name, @place, @lat, @lon, @cameraId, @now)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, place = excluded.place, lat = excluded.lat,
           lon = excluded.lon, camera_id = excluded.camera_id, updated_at = excluded.updated_at`,
      )
      .run({ ...box, cameraId: box.cameraId ?? null, now: Date.now() });
  }

  /** Sets the box's key (stored hashed). A new key also re-enrols a revoked box. */
  setKey(boxId: string, key: string): void {
    if (!MachineKey.safeParse(key).success) throw new JharokhaError('BadRequest', 'a box key must be 32 to 200 characters');
    const { changes } = this.db
      .prepare('UPDATE call_boxes SET key_hash = ?, revoked_at = NULL, updated_at = ? WHERE id = ?')
      .run(hashMachineKey(key).toString('hex'), Date.now(), boxId);
    if (changes !== 1) throw new JharokhaError('NotFound', `no call box ${boxId}`);
    this.safeEmit('keyChanged', boxId);
  }

  /** Makes a fresh random key for the box and returns it: the only time it is ever seen. */
  issueKey(boxId: string): string {
    const key = newMachineKey();
    this.setKey(boxId, key);
    return key;
  }

  /** True only for a known, unrevoked box whose key matches; the comparison takes constant time. */
  verifyKey(boxId: string, key: string): boolean {
    const row = this.db.prepare('SELECT key_hash, revoked_at FROM call_boxes WHERE id = ?').get(boxId) as
      | Pick<Row, 'key_hash' | 'revoked_at'>
      | undefined;
    if (!row || row.revoked_at != null || row.key_hash == null) return false;
    return machineKeyMatches(Buffer.from(row.key_hash, 'hex'), key);
  }

  /** Revokes the box's key (a lost or tampered kiosk): it can no longer connect or raise alerts. */
  revoke(boxId: string): void {
    const now = Date.now();
    const { changes } = this.db
      .prepare('UPDATE call_boxes SET key_hash = NULL, revoked_at = ?, updated_at = ? WHERE id = ?')
      .run(now, now, boxId);
    if (changes !== 1) throw new JharokhaError('NotFound', `no call box ${boxId}`);
    this.safeEmit('keyChanged', boxId);
  }

  get(id: string): StoredCallBox | undefined {
    const row = this.db.prepare('SELECT * FROM call_boxes WHERE id = ?').get(id) as Row | undefined;
    return row && toStored(row);
  }

  /** Every box, revoked ones included, by name. */
  list(): StoredCallBox[] {
    return (this.db.prepare('SELECT * FROM call_boxes ORDER BY name, id').all() as Row[]).map(toStored);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM call_boxes').get() as { n: number }).n;
  }
}
