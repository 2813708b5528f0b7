import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { LOGIN_LIFETIME_MS, sha256, UserRepo } from '../../../main/engine/node/store/user-repo.js';

/** A user store on an empty in-memory database, reading the time from `now`. */
const openUsers = (now?: () => number) => {
  const db = openDatabase(':memory:');
  return { db, users: new UserRepo(db, now) };
};

describe('users and logins in the store', () => {
  it('keeps a salted scrypt hash with its parameters, never the password', async () => {
    const { db, users } = openUsers();
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
    let now = 1_000_000;
    const { db, users } = openUsers(() => now);
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

  it('a login carried from a workstation opens the same token here once, capped at a shift; a changed password or a disabled user refuses it', async () => {
    let now = 1_000_000;
    const { db, users } = openUsers(() => now);
    await users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: 'a good password' });
    const token = 'a-token-the-workstation-handed-its-page-000000';
    const login = { tokenHash: sha256(token), passwordDigest: users.passwordDigest('asha')!, expiresAt: now + 3 * LOGIN_LIFETIME_MS };
    users.carryLogin('asha', login);
    users.carryLogin('asha', login);
    assert.equal((db.prepare('SELECT count(*) AS n FROM login_sessions').get() as { n: number }).n, 1, 'a repeat is one login');
    assert.equal(users.userForToken(token)?.username, 'asha');
    now += LOGIN_LIFETIME_MS;
    assert.equal(users.userForToken(token), undefined, 'never longer than a login made here');
    assert.throws(() => users.carryLogin('asha', { ...login, expiresAt: now - 1 }), /already expired/);

    await users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: 'a new password' });
    assert.throws(() => users.carryLogin('asha', { ...login, tokenHash: sha256(`${token}-2`) }), /password changed on the site/);
    users.disable('asha');
    assert.throws(() => users.carryLogin('asha', { ...login, passwordDigest: users.passwordDigest('asha')! }), /no active user/);
    db.close();
  });
});
