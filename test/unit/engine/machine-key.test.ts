import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { JharokhaError } from '../../../common/errors.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { hashMachineKey, MachineKey, machineKeyMatches, newMachineKey } from '../../../main/engine/node/store/machine-key.js';
import { WorkstationRepo } from '../../../main/engine/node/store/workstation-repo.js';

describe('machine keys', () => {
  it('are 43 base64url characters, fresh every time, and valid MachineKeys', () => {
    const key = newMachineKey();
    assert.match(key, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(newMachineKey(), key);
    assert.equal(MachineKey.safeParse(key).success, true);
    assert.equal(MachineKey.safeParse('short').success, false);
  });

  it('match their own hash only; a missing hash, another key or a non-string never matches', () => {
    const key = newMachineKey();
    const stored = hashMachineKey(key);
    assert.equal(stored.length, 32);
    assert.equal(machineKeyMatches(stored, key), true);
    assert.equal(machineKeyMatches(stored, newMachineKey()), false);
    assert.equal(machineKeyMatches(stored, ''), false);
    assert.equal(machineKeyMatches(stored, 'x'.repeat(201)), false);
    assert.equal(machineKeyMatches(stored, undefined), false);
    assert.equal(machineKeyMatches(null, key), false);
  });
});

describe('workstation store', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-workstations-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('registers with a key shown once (stored hashed), verifies it, and revoking or re-registering ends it', () => {
    const db = openDatabase(path.join(dir, 'engine.sqlite'));
    try {
      const repo = new WorkstationRepo(db);
      const key = repo.register('ws-01', ' Desk 1 ');
      assert.equal(repo.verifyKey('ws-01', key), true);
      assert.equal(repo.verifyKey('ws-02', key), false);
      assert.ok(!JSON.stringify(db.prepare('SELECT * FROM workstations').all()).includes(key), 'only the hash is stored');
      const second = repo.register('ws-01', 'Desk 1, control room');
      assert.equal(repo.verifyKey('ws-01', key), false, 're-registering replaces the key');
      assert.equal(repo.verifyKey('ws-01', second), true);
      repo.revoke('ws-01');
      assert.equal(repo.verifyKey('ws-01', second), false);
      assert.deepEqual(
        repo.list().map((w) => [w.id, w.name, typeof w.revokedAt]),
        [['ws-01', 'Desk 1, control room', 'number']],
      );
      assert.throws(() => repo.register('WS 01', 'x'), (e) => e instanceof JharokhaError && e.code === 'BadRequest');
      assert.throws(() => repo.revoke('ws-nobody'), (e) => e instanceof JharokhaError && e.code === 'NotFound');
    } finally {
      db.close();
    }
  });
});
