// `jharokha workstation-revoke` writes the site's file from a process of its own and tells the
// running engine nothing; the workstation's open socket (which could go on delivering actions) must
// close anyway, within a second of the command, with 4403, and pages it relays go with it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RELAY_HEADERS } from '../../../main/engine/node/api/credentials.js';
import { KEY_REVOKED } from '../../../main/engine/node/api/connection.js';
import { twoUserEngineForSuite } from '../engine/two-user-engine.js';
import { closeOf, runCli, within } from '../../support/socket-close.js';
import { TestClient } from '../../support/ws-client.js';

describe('a workstation revoked from the CLI', () => {
  let key: string;
  const site = twoUserEngineForSuite('jharokha-revoke-ws-', async (s) => {
    key = s.stored.workstations.register('ws-1', 'Desk 1');
  });

  it('a workstation revoked from the CLI loses its open socket within 1 s', async () => {
    const url = `${site().engine.wsUrl().replace(/\?.*/, '')}?workstation=ws-1&key=${encodeURIComponent(key)}`;
    const own = site().track(await TestClient.connect(url));
    const relayed = site().track(
      await TestClient.connect(site().engine.wsUrl(), { [RELAY_HEADERS.workstation]: 'ws-1', [RELAY_HEADERS.key]: key, [RELAY_HEADERS.clientAddress]: '10.0.0.7' }),
    );
    const bare = site().track(await TestClient.connect(site().engine.wsUrl()));
    const closes = [closeOf(own), closeOf(relayed)];

    assert.match(await runCli(['workstation-revoke', 'ws-1', '--data-dir', site().dataDir]), /revoked ws-1/);
    const [ownClose, relayedClose] = await within(Promise.all(closes), 1_000, 'close of the revoked workstation\'s sockets');
    assert.deepEqual(ownClose, KEY_REVOKED);
    assert.deepEqual(relayedClose, KEY_REVOKED, 'a page it relayed goes too');
    assert.equal((await bare.request('media.routerCapabilities', {})).ok, true, 'a socket of no workstation stays');
    await assert.rejects(TestClient.connect(url), /401/);

    const audit = site().stored.audit.list({ limit: 10, target: 'workstation:ws-1' });
    assert.ok(audit.some((e) => e.action === 'workstation.revoke' && e.actor === 'cli'));
    assert.ok(audit.some((e) => e.action === 'revocation.socketsClosed' && (e.detail as { sockets: number }).sockets === 1));
  });
});
