import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { carryProof } from '../../../main/engine/node/store/passwords.js';
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
    const carried = { username: 'asha', tokenHash: sha256(token), expiresAt: now + 3 * LOGIN_LIFETIME_MS };
    const proof = (await carryProof('a good password', users.carrySalt('asha')!, carried))!;
    const login = { tokenHash: carried.tokenHash, proof, expiresAt: carried.expiresAt };
    users.carryLogin('asha', login);
    users.carryLogin('asha', login);
    assert.equal((db.prepare('SELECT count(*) AS n FROM login_sessions').get() as { n: number }).n, 1, 'a repeat is one login');
    assert.equal(users.userForToken(token)?.username, 'asha');
    now += LOGIN_LIFETIME_MS;
    assert.equal(users.userForToken(token), undefined, 'never longer than a login made here');
    const expired = { ...carried, expiresAt: now - 1 };
    const expiredProof = (await carryProof('a good password', users.carrySalt('asha')!, expired))!;
    assert.throws(() => users.carryLogin('asha', { ...expired, proof: expiredProof }), /already expired/);
    assert.throws(() => users.carryLogin('asha', { ...login, expiresAt: now + 1000 }), /password changed on the site/, 'the expiry is signed');
    assert.throws(() => users.carryLogin('asha', { ...login, tokenHash: sha256(`${token}-2`) }), /password changed on the site/, 'so is the token');

    await users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: 'a new password' });
    now -= LOGIN_LIFETIME_MS;
    assert.throws(() => users.carryLogin('asha', { ...login, tokenHash: sha256(`${token}-3`) }), /password changed on the site/);
    users.disable('asha');
    assert.throws(() => users.carryLogin('asha', login), /no active user/);
    db.close();
  });

  it('a carried login is refused for a user the site has no carry key for, who gains one at their next login here', async () => {
    const { db, users } = openUsers();
    await users.upsert({ username: 'asha', displayName: 'Asha', role: 'supervisor', password: 'a good password' });
    db.prepare('UPDATE users SET offline_verifier = NULL, carry_salt = NULL, carry_key = NULL').run(); // as the migration leaves a user made before
    const login = { tokenHash: sha256('t'.repeat(43)), proof: 'p'.repeat(43), expiresAt: Date.now() + 1000 };
    assert.throws(() => users.carryLogin('asha', login), /has not logged in on the site since/);
    assert.equal(users.storedUsers()[0]!.offline, undefined);

    await users.login('asha', 'a good password');
    const { offline } = users.storedUsers()[0]!;
    assert.ok(offline);
    const { password_hash: hash, carry_key: carryKey } = db.prepare('SELECT password_hash, carry_key FROM users').get() as { password_hash: string; carry_key: string };
    assert.notEqual(offline.verifier, hash, 'the verifier is not the login hash');
    assert.ok(!JSON.stringify(offline).includes(carryKey), 'the carry key stays here');
    await users.login('asha', 'a good password');
    assert.deepEqual(users.storedUsers()[0]!.offline, offline, 'made once, so carries under it stay valid');
    db.close();
  });

  it("a workstation's copy checks a password against the offline verifier, never a login hash", async () => {
    const site = openUsers();
    await site.users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: 'a good password' });
    await site.users.upsert({ username: 'ravi', displayName: 'Ravi', role: 'operator', password: 'another password' });
    site.db.prepare("UPDATE users SET offline_verifier = NULL, carry_salt = NULL, carry_key = NULL WHERE username = 'ravi'").run();
    const copy = openUsers();
    for (const user of site.users.storedUsers()) copy.users.putStored(user);
    assert.deepEqual(copy.db.prepare('SELECT password_hash, carry_key FROM users').all(), [
      { password_hash: '', carry_key: null },
      { password_hash: '', carry_key: null },
    ]);
    assert.equal((await copy.users.login('asha', 'a good password')).user.username, 'asha');
    await assert.rejects(copy.users.login('asha', 'a bad password'), /wrong user name or password/);
    await assert.rejects(copy.users.login('ravi', 'another password'), /only after logging in once on the site/);
    site.db.close();
    copy.db.close();
  });
});
