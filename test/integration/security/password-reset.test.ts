// An installer resets a password (the old one leaked): whoever logged in with it must not keep a
// working socket or a 14-hour token. Every login of that user ends at once, the installer's own
// login excepted when they reset their own account.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { LOGIN_ENDED } from '../../../main/engine/node/api/connection.js';
import { PASSWORD, twoUserEngineForSuite } from '../engine/two-user-engine.js';
import { closeOf, within } from '../../support/socket-close.js';
import { TestClient } from '../../support/ws-client.js';

describe('a password reset', () => {
  let installer: TestClient;
  const site = twoUserEngineForSuite('jharokha-reset-', async (s) => {
    await s.stored.users.upsert({ username: 'neha', displayName: 'Neha', role: 'installer', password: PASSWORD });
    installer = s.track(await TestClient.connect(s.engine.wsUrl()));
    await installer.ok('session.login', { username: 'neha', password: PASSWORD });
  });

  it("a password reset ends the user's open logins", async () => {
    const intruder = site().track(await TestClient.connect(site().engine.wsUrl()));
    const { token } = await intruder.ok('session.login', { username: 'ravi', password: PASSWORD });
    const closed = closeOf(intruder);

    await installer.ok('setup.saveUser', { username: 'ravi', displayName: 'Ravi', role: 'operator', password: 'a brand new password' }, 10_000);
    assert.deepEqual(await within(closed, 1_000, 'close of the old login'), LOGIN_ENDED);
    const again = site().track(await TestClient.connect(site().engine.wsUrl()));
    assert.equal((await again.request('session.resume', { token })).error?.code, 'Unauthorized', 'the old token is dead');
    assert.equal((await again.request('session.login', { username: 'ravi', password: 'a brand new password' }, 10_000)).ok, true);
    const saved = site().stored.audit.list({ limit: 10, target: 'user:ravi' }).find((e) => e.action === 'setup.saveUser');
    assert.deepEqual(saved?.detail, { role: 'operator', loginsEnded: 1 });

    // The same password and role again (a new display name): logins stand.
    await installer.ok('setup.saveUser', { username: 'ravi', displayName: 'Ravi Kumar', role: 'operator', password: 'a brand new password' }, 10_000);
    assert.equal((await again.request('alerts.list', {})).ok, true);
    // An installer resetting their own password keeps the socket they did it on.
    await installer.ok('setup.saveUser', { username: 'neha', displayName: 'Neha', role: 'installer', password: 'her new password' }, 10_000);
    assert.equal((await installer.request('setup.listUsers', {})).ok, true);
    assert.equal(installer.ws.readyState, WebSocket.OPEN);
  });
});
