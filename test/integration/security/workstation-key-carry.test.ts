// An attacker holding a workstation's key reads the site snapshot as the workstation would, then
// tries to turn what it holds into a supervisor's login on the site: a carried login under a token
// of their choosing (the old digest of the hash, or a proof under anything the snapshot gives), or a
// password login with those values. Only a proof made from the typed password is carried.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { carryProof } from '../../../main/engine/node/store/passwords.js';
import { LOGIN_LIFETIME_MS } from '../../../main/engine/node/store/user-repo.js';
import { SiteSnapshot, SYNC_SNAPSHOT_PATH } from '../../../main/engine/node/sync/site-snapshot.js';
import { EngineSuite } from '../../support/engine-suite.js';
import type { TestClient } from '../../support/ws-client.js';

const TOKEN = 'test-token-workstation-key-carry';
const SUPERVISOR = { username: 'vikram', password: 'the supervisor password' };
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64url');
/** The last `$` part of a `scrypt$N$r$p$salt[$key]` text. */
const lastPart = (text: string): string => text.slice(text.lastIndexOf('$') + 1);

describe('a workstation key against the logins of the site', () => {
  let wsKey: string;

  const workstationUrl = (): string => `${suite.engine.wsUrl().replace(/\?.*/, '')}?workstation=ws-01&key=${encodeURIComponent(wsKey)}`;
  const readSnapshot = async (): Promise<string> => {
    const res = await fetch(`${suite.engine.baseUrl}${SYNC_SNAPSHOT_PATH}`, { headers: { Authorization: `Workstation ws-01:${wsKey}` } });
    assert.equal(res.status, 200);
    return res.text();
  };
  /** The snapshot as the workstation key fetched it, as text: what an attacker holding it has. */
  let snapshotText: string;
  const supervisorInSnapshot = () => {
    const user = SiteSnapshot.parse(JSON.parse(snapshotText)).users.find((u) => u.username === SUPERVISOR.username);
    assert.ok(user?.offline, 'the snapshot has the supervisor with an offline verifier');
    return { ...user, offline: user.offline };
  };
  // The workstation's one socket for the suite (a key opens only a few sockets at once).
  let link: TestClient | undefined;
  const carry = async (params: Record<string, unknown>) => {
    const ws = (link ??= await suite.scratch.connect(workstationUrl()));
    return ws.request('sync.deliver', { requestKey: randomUUID(), username: SUPERVISOR.username, at: Date.now(), action: { method: 'session.carry', params } });
  };
  const resumes = async (token: string): Promise<boolean> => {
    const page = await suite.scratch.connect(suite.engine.wsUrl());
    return (await page.request('session.resume', { token })).ok === true;
  };

  const suite = EngineSuite.forSuite('jharokha-carry-', { token: TOKEN }, async () => {
    await suite.stored.users.upsert({ ...SUPERVISOR, displayName: 'Vikram', role: 'supervisor' });
    wsKey = suite.stored.workstations.register('ws-01', 'Desk 1');
    const page = await suite.scratch.connect(suite.engine.wsUrl());
    assert.equal((await page.request('session.login', SUPERVISOR, 15_000)).ok, true, 'a live login the snapshot lists');
    snapshotText = await readSnapshot();
  });

  it('the snapshot carries no login hash', () => {
    const secrets = suite.stored.db.prepare('SELECT password_hash, carry_key FROM users').all() as { password_hash: string; carry_key: string }[];
    assert.ok(secrets.length > 0);
    for (const { password_hash: hash, carry_key: carryKey } of secrets) {
      assert.ok(!snapshotText.includes(lastPart(hash)), 'no login hash');
      assert.ok(!snapshotText.includes(carryKey), 'no carry key');
    }
    assert.ok(!/passwordHash|carryKey/.test(snapshotText));
    const { offline } = supervisorInSnapshot();
    assert.notEqual(lastPart(offline.verifier), lastPart(secrets[0]!.password_hash));
  });

  it('a workstation key cannot log in as a supervisor', async () => {
    const { offline } = supervisorInSnapshot();
    const token = randomBytes(32).toString('base64url');
    const tokenHash = sha256(token);
    const expiresAt = Date.now() + LOGIN_LIFETIME_MS;
    const signed = ['session.carry', SUPERVISOR.username, tokenHash, String(expiresAt)].join('|');

    const oldDigest = await carry({ tokenHash, passwordDigest: sha256(offline.verifier), expiresAt });
    assert.equal(oldDigest.error?.code, 'BadRequest', 'the old digest of the hash is refused');
    assert.match(oldDigest.error?.message ?? '', /proof: Required/);
    for (const key of [lastPart(offline.verifier), lastPart(offline.carrySalt), offline.verifier, sha256(offline.verifier)]) {
      for (const keyBytes of [Buffer.from(key, 'base64url'), Buffer.from(key, 'utf8')]) {
        const forged = await carry({ tokenHash, proof: createHmac('sha256', keyBytes).update(signed).digest('base64url'), expiresAt });
        assert.equal(forged.error?.code, 'Forbidden');
        assert.match(forged.error?.message ?? '', /not made with vikram's password/);
      }
    }
    assert.equal(await resumes(token), false, 'no carried login under the chosen token');

    const page = await suite.scratch.connect(suite.engine.wsUrl());
    for (const password of [offline.verifier, lastPart(offline.verifier), offline.carrySalt]) {
      const login = await page.request('session.login', { username: SUPERVISOR.username, password }, 15_000);
      assert.equal(login.error?.code, 'Unauthorized', 'the verifier is no password');
    }
    for (const session of SiteSnapshot.parse(JSON.parse(snapshotText)).sessions) {
      assert.equal(await resumes(session.tokenHash), false, 'a listed token hash resumes nothing');
    }

    // What the real workstation does, with the typed password: carried, and resumable on the site.
    const proof = await carryProof(SUPERVISOR.password, offline.carrySalt, { username: SUPERVISOR.username, tokenHash, expiresAt });
    const carried = await carry({ tokenHash, proof, expiresAt });
    assert.equal(carried.ok, true, JSON.stringify(carried.error));
    assert.equal(await resumes(token), true);
  });

  it('a login carried after the password changed on the site is refused', async () => {
    const { offline } = supervisorInSnapshot();
    const token = randomBytes(32).toString('base64url');
    const login = { username: SUPERVISOR.username, tokenHash: sha256(token), expiresAt: Date.now() + LOGIN_LIFETIME_MS };
    const proof = await carryProof(SUPERVISOR.password, offline.carrySalt, login);
    await suite.stored.users.upsert({ username: SUPERVISOR.username, password: 'a brand new password', displayName: 'Vikram', role: 'supervisor' });
    const refused = await carry({ tokenHash: login.tokenHash, proof, expiresAt: login.expiresAt });
    assert.equal(refused.error?.code, 'Forbidden');
    assert.match(refused.error?.message ?? '', /password changed on the site/);
    assert.equal(await resumes(token), false);
  });
});
