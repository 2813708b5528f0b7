// A lost or tampered kiosk is revoked by an installer: its open socket must not stay usable (it
// could still create call transports and press). It closes at once with 4403, its media is freed,
// and the audit says who revoked it and how many sockets were put out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KEY_REVOKED } from '../../../main/engine/node/api/connection.js';
import { PASSWORD, startTwoUserEngine, type TwoUserEngine } from '../engine/two-user-engine.js';
import { closeOf, within } from '../../support/socket-close.js';
import { TestClient } from '../../support/ws-client.js';

describe('revoking a call box', () => {
  let site: TwoUserEngine;
  let key: string;
  const kioskUrl = (): string => `${site.engine.wsUrl().replace(/\?.*/, '')}?box=box-a&key=${encodeURIComponent(key)}`;

  before(async () => {
    site = await startTwoUserEngine('jharokha-revoke-kiosk-');
    site.stored.boxes.upsert({ id: 'box-a', name: 'Ghantaghar box', place: 'Ghantaghar', lat: 26.46, lon: 80.35 });
    key = site.stored.boxes.issueKey('box-a');
    await site.stored.users.upsert({ username: 'neha', displayName: 'Neha', role: 'installer', password: PASSWORD });
  });

  after(async () => site?.close());

  it("a revoked kiosk's socket closes within 1 s, its call transports are freed, and the audit names who revoked it", async () => {
    const kiosk = site.track(await TestClient.connect(kioskUrl()));
    const { rtpCapabilities } = await kiosk.ok('media.routerCapabilities', {});
    await kiosk.ok('call.createTransports', { rtpCapabilities });
    const { sfu } = site.engine.internalsForTests;
    const transportIds = async (): Promise<string[]> => (await Promise.all(sfu.routers.map((r) => r.dump()))).flatMap((d) => d.transportIds);
    assert.equal((await transportIds()).length, 2, 'the kiosk holds a send and a receive transport');
    const installer = site.track(await TestClient.connect(site.engine.wsUrl()));
    await installer.ok('session.login', { username: 'neha', password: PASSWORD });

    const closed = closeOf(kiosk);
    const started = performance.now();
    await installer.ok('setup.revokeBox', { boxId: 'box-a' });
    assert.deepEqual(await within(closed, 1_000, 'close of the revoked kiosk'), KEY_REVOKED);
    assert.ok(performance.now() - started < 1_000);
    assert.deepEqual(await transportIds(), [], 'its media went with it');
    await assert.rejects(TestClient.connect(kioskUrl()), /401/);

    const audit = site.stored.audit.list({ limit: 10, target: 'box:box-a' }).map((e) => ({ action: e.action, actor: e.actor, detail: e.detail }));
    assert.ok(audit.some((e) => e.action === 'setup.revokeBox' && e.actor === 'installer:neha'));
    assert.ok(audit.some((e) => e.action === 'revocation.socketsClosed' && JSON.stringify(e.detail) === JSON.stringify({ reason: 'key revoked', sockets: 1 })));
  });
});
