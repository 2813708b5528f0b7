import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { LOGIN_LIFETIME_MS, UserRepo } from '../../../main/engine/node/store/user-repo.js';

describe('users and logins in the store', () => {
  it('keeps a salted scrypt hash with its parameters, never the password', async () => {
    const db = openDatabase(':memory:');
    const users = new UserRepo(db);
    await users.upsert({ username: 'Asha', displayName: 'Asha Verma', role: 'operator', password: 'same password' });
    await users.upsert({ username: 'ravi', displayName: 'Ravi', role: 'operator', password: 'same password' });
    const hashes = db.prepare('SELECT username, password_hash FROM users ORDER BY username').all() as { username: string; password_hash: string }[];
    assert.deepEqual(hashes.map((h) => h.username), ['asha', 'ravi'], 'names are lower-cased');
    for (const { password_hash } of hashes) {
      assert.match(password_hash, /^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      assert.ok(!password_hash.includes('same password'));
    }
    assert.notEqual(hashes[0]!.password_hash, hashes[1]!.password_hash, 'salted');
    await assert.rejects(users.upsert({ username: 'a b', displayName: 'X', role: 'operator', password: 'long enough' }), /user names/);
    await assert.rejects(users.upsert({ username: 'bob', displayName: 'Bob', role: 'operator', password: 'short' }), /at least 8/);
    await assert.rejects(users.upsert({ username: 'bob', displayName: 'Bob', role: 'admin' as never, password: 'long enough' }), /invalid user/);
    db.close();
  });

  it('a login token lasts one shift, is stored only as a hash, and ends when the user is disabled', async () => {
    const db = openDatabase(':memory:');
    let now = 1_000_000;
    const users = new UserRepo(db, () => now);
    await users.upsert({ username: 'asha', displayName: 'Asha', role: 'supervisor', password: 'a good password' });
    await assert.rejects(users.login('asha', 'a bad password'), /wrong user name or password/);
    const grant = await users.login('ASHA', 'a good password');
    assert.equal(grant.expiresAt, now + LOGIN_LIFETIME_MS);
    assert.deepEqual(users.userForToken(grant.token), { username: 'asha', displayName: 'Asha', role: 'supervisor' });
    const stored = db.prepare('SELECT token_hash FROM login_sessions').all() as { token_hash: string }[];
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.token_hash, grant.token);
    now += LOGIN_LIFETIME_MS;
    assert.equal(users.userForToken(grant.token), undefined, 'expired');
    now -= 1;
    assert.ok(users.userForToken(grant.token));
    users.disable('asha');
    assert.equal(users.userForToken(grant.token), undefined);
    assert.equal(users.get('asha'), undefined);
    db.close();
  });
});
