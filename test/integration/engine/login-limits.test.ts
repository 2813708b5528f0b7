// Password guessing at session.login is slowed in the engine: five failures for a name from one
// address lock it (growing delays), checked before any scrypt work; the failures and the lockout
// are audited, the lockout once. Over a real engine's WebSocket, and at the handler with a real SQLite store and a
// test clock so no test sleeps through a lockout.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JharokhaError } from '../../../common/errors.js';
import type { ConnectionContext } from '../../../main/engine/node/api/connection-context.js';
import { PrincipalShares } from '../../../main/engine/node/api/principal-shares.js';
import { createHandlers } from '../../../main/engine/node/api/handlers/index.js';
import { LoginLimiter } from '../../../main/engine/node/api/login-limiter.js';
import type { EngineContext } from '../../../main/engine/node/engine-context.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { AuditLog } from '../../../main/engine/node/store/audit-log.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { UserRepo } from '../../../main/engine/node/store/user-repo.js';
import { PASSWORD, startTwoUserEngine, type TwoUserEngine } from './two-user-engine.js';
import { TestClient } from '../../support/ws-client.js';


describe('failed logins over the WebSocket', () => {
  let site: TwoUserEngine;
  let engine: SiteEngine;

  before(async () => {
    site = await startTwoUserEngine('jharokha-login-limit-');
    ({ engine } = site);
  });

  after(async () => site?.close());

  it('after 5 wrong passwords the right one is refused RateLimited at once, saying when to try again; other names still log in', async () => {
    const client = await TestClient.connect(engine.wsUrl());
    site.track(client);
    for (let i = 0; i < 5; i++) {
      assert.equal((await client.request('session.login', { username: 'ravi', password: `wrong password ${i}` })).error?.code, 'Unauthorized');
    }
    const started = performance.now();
    const locked = await client.request('session.login', { username: 'ravi', password: PASSWORD });
    const tookMs = performance.now() - started;
    assert.equal(locked.error?.code, 'RateLimited');
    assert.match(locked.error!.message, /too many failed logins for ravi: try again in 30 s/);
    assert.ok(tookMs < 100, `refused without hashing (${tookMs.toFixed(0)} ms)`);
    const other = await TestClient.connect(engine.wsUrl());
    site.track(other);
    assert.equal((await other.request('session.login', { username: 'asha', password: PASSWORD })).ok, true);
    const audit = site.stored.audit.list({ limit: 20, target: 'session' }).map((e) => `${e.action} ${e.actor}`);
    assert.equal(audit.filter((a) => a === 'session.loginRefused login:ravi').length, 5);
    assert.equal(audit.filter((a) => a === 'session.loginLocked login:ravi').length, 1);
  });
});

describe('the session.login handler and its limiter', () => {
  it('hashes nothing while locked, audits each failure and the lockout once, and lets the name in again after the delay', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-login-handler-'));
    const db = openDatabase(path.join(dir, 'engine.sqlite'));
    try {
      let now = 1_000_000;
      const users = new UserRepo(db);
      const audit = new AuditLog(db);
      await users.upsert({ username: 'ravi', displayName: 'Ravi', role: 'operator', password: PASSWORD });
      let hashed = 0;
      const login = users.login.bind(users);
      users.login = (...args) => {
        hashed += 1;
        return login(...args);
      };
      const handlers = createHandlers({ users, audit } as unknown as EngineContext, { loginLimiter: new LoginLimiter({}, () => now) });
      const conn = { remoteAddress: '10.1.2.3', user: undefined, loginToken: undefined, shares: new PrincipalShares(() => []) } as unknown as ConnectionContext;
      const attempt = (password: string): Promise<unknown> => Promise.resolve(handlers['session.login']({ username: 'ravi', password }, conn));
      const code = (code: string) => (e: unknown) => e instanceof JharokhaError && e.code === code;

      for (let i = 0; i < 5; i++) await assert.rejects(attempt('not the password'), code('Unauthorized'));
      for (let i = 0; i < 10; i++) await assert.rejects(attempt(PASSWORD), code('RateLimited'));
      assert.equal(hashed, 5, 'refused attempts never reach scrypt');
      const entries = audit.list({ limit: 50, target: 'session' });
      assert.equal(entries.filter((e) => e.action === 'session.loginRefused').length, 5);
      const locks = entries.filter((e) => e.action === 'session.loginLocked');
      assert.equal(locks.length, 1, 'the lockout is audited once, not per refused attempt');
      assert.deepEqual(locks[0]!.detail, { scope: 'user', username: 'ravi', address: '10.1.2.3', failures: 5, until: now + 30_000 });
      assert.deepEqual(entries.find((e) => e.action === 'session.loginRefused')!.detail, { address: '10.1.2.3' });

      now += 30_000;
      await assert.rejects(attempt('still not it'), code('Unauthorized'));
      await assert.rejects(attempt(PASSWORD), (e: unknown) => code('RateLimited')(e) && /try again in 60 s/.test((e as Error).message));
      now += 60_000;
      assert.equal(((await attempt(PASSWORD)) as { user: { username: string } }).user.username, 'ravi');
      assert.equal(conn.user?.username, 'ravi');
      for (let i = 0; i < 4; i++) await assert.rejects(attempt('wrong again'), code('Unauthorized'));
      assert.ok(await attempt(PASSWORD), 'the success cleared the count: four failures do not lock');
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
