import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { migrations } from '../../../main/engine/node/store/migrations.js';

const OFFLINE_LOGINS = 9;

/** An engine file as the release before offline proofs left it, filled by `fill`. */
function fileBefore(fill: (db: Database.Database) => void): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-migration-')), 'engine.sqlite');
  const db = new Database(file);
  for (const migration of migrations.slice(0, OFFLINE_LOGINS - 1)) db.exec(migration);
  db.pragma(`user_version = ${OFFLINE_LOGINS - 1}`);
  db.prepare("INSERT INTO users (username, display_name, role, password_hash, updated_at) VALUES ('asha', 'Asha', 'operator', 'scrypt$131072$8$1$salt$key', 1)").run();
  fill(db);
  db.close();
  return file;
}

const carryAction = JSON.stringify({ method: 'session.carry', params: { tokenHash: 'h'.repeat(43), passwordDigest: 'd'.repeat(43), expiresAt: 1 } });
const ackAction = JSON.stringify({ method: 'alert.acknowledge', params: { alertId: 'a', note: '' } });

describe('the migration to offline logins proven with the password', () => {
  it("a workstation's file forgets the login hashes it copied and the carries queued as their digest", () => {
    const file = fileBefore((db) => {
      db.prepare('INSERT INTO site_sync (id, synced_at) VALUES (1, 1)').run();
      db.prepare("INSERT INTO outbox (request_key, username, action, created_at) VALUES ('k1', 'asha', ?, 1), ('k2', 'asha', ?, 2)").run(carryAction, ackAction);
    });
    const db = openDatabase(file);
    assert.deepEqual(db.prepare('SELECT password_hash, offline_verifier, carry_key FROM users').all(), [{ password_hash: '', offline_verifier: null, carry_key: null }]);
    assert.deepEqual(db.prepare('SELECT request_key FROM outbox').all(), [{ request_key: 'k2' }]);
    db.close();
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it("a site's file keeps its login hashes; its users gain offline values at their next login", () => {
    const file = fileBefore(() => {});
    const db = openDatabase(file);
    assert.deepEqual(db.prepare('SELECT password_hash, carry_key FROM users').all(), [{ password_hash: 'scrypt$131072$8$1$salt$key', carry_key: null }]);
    db.close();
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
