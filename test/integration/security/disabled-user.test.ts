// `jharokha user-disable` from another process: the user's idle sockets (a queue of alerts that
// only listens) are cut off within a second of the command, with 4401; colleagues stay.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { LOGIN_ENDED } from '../../../main/engine/node/api/connection.js';
import { PASSWORD, twoUserEngineForSuite } from '../engine/two-user-engine.js';
import { closeOf, runCli, within } from '../../support/socket-close.js';
import { TestClient } from '../../support/ws-client.js';

describe('a user disabled from another process', () => {
  const site = twoUserEngineForSuite('jharokha-disable-cli-');

  it('a user disabled from another process is cut off within 1 s', async () => {
    const desks = await Promise.all([0, 1].map(async () => site().track(await TestClient.connect(site().engine.wsUrl()))));
    for (const desk of desks) await desk.ok('session.login', { username: 'ravi', password: PASSWORD });
    const colleague = site().track(await TestClient.connect(site().engine.wsUrl()));
    await colleague.ok('session.login', { username: 'asha', password: PASSWORD });
    const closes = Promise.all(desks.map(closeOf));

    assert.match(await runCli(['user-disable', 'ravi', '--data-dir', site().dataDir]), /disabled ravi/);
    for (const close of await within(closes, 1_000, 'close of the disabled user\'s sockets')) assert.deepEqual(close, LOGIN_ENDED);
    assert.equal(colleague.ws.readyState, WebSocket.OPEN);
    const audit = site().stored.audit.list({ limit: 10, target: 'user:ravi' });
    assert.ok(audit.some((e) => e.action === 'user.disable' && e.actor === 'cli'));
    assert.ok(audit.some((e) => e.action === 'revocation.socketsClosed' && (e.detail as { sockets: number }).sockets === 2));
  });
});
