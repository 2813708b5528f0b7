// Lockout as a weapon: anyone holding the site token could lock any name by failing its password,
// and twenty failures behind a workstation's relay locked every operator at that desk. Failures now
// count per name and address (a page relayed by a workstation under its own address, vouched for
// by the workstation's key), and a supervisor can lift a lock. Real sockets from distinct loopback
// addresses stand for distinct desks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RELAY_HEADERS } from '../../../main/engine/node/api/credentials.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { PASSWORD, startTwoUserEngine, type TwoUserEngine, twoUserEngineForSuite } from '../engine/two-user-engine.js';
import { until } from '../../support/wait.js';
import { TestClient } from '../../support/ws-client.js';

const fromDesk = (url: string, address: string): Promise<TestClient> => TestClient.connect(url, {}, { localAddress: address });

/** Fails ravi's password from `client` until the name is locked there; the refusal that says so. */
async function lockRavi(client: TestClient): Promise<{ code: string; message: string }> {
  for (let i = 0; i < 5; i++) assert.equal((await client.request('session.login', { username: 'ravi', password: `guess ${i}` }, 10_000)).error?.code, 'Unauthorized');
  return (await client.request('session.login', { username: 'ravi', password: PASSWORD }, 10_000)).error!;
}

describe('failed logins from a stranger', () => {
  const site = twoUserEngineForSuite('jharokha-lockout-');

  it("a stranger's failures do not lock the user out from their own desk", async () => {
    const stranger = site().track(await fromDesk(site().engine.wsUrl(), '127.0.0.2'));
    const refused = await lockRavi(stranger);
    assert.equal(refused.code, 'RateLimited');
    assert.match(refused.message, /too many failed logins for ravi: try again in 30 s \(from this address/);
    const desk = site().track(await fromDesk(site().engine.wsUrl(), '127.0.0.1'));
    assert.equal((await desk.request('session.login', { username: 'ravi', password: PASSWORD }, 10_000)).ok, true, 'ravi logs in at his own desk');
  });

  it('a supervisor clears a lock', async () => {
    const locked = site().track(await fromDesk(site().engine.wsUrl(), '127.0.0.3'));
    assert.equal((await lockRavi(locked)).code, 'RateLimited');
    const operator = site().track(await TestClient.connect(site().engine.wsUrl()));
    await operator.ok('session.login', { username: 'ravi', password: PASSWORD }, 10_000);
    assert.equal((await operator.request('session.clearLoginLock', { username: 'ravi' })).error?.code, 'Forbidden', 'not an operator');
    const supervisor = site().track(await TestClient.connect(site().engine.wsUrl()));
    await supervisor.ok('session.login', { username: 'asha', password: PASSWORD }, 10_000);
    assert.ok((await supervisor.ok('session.clearLoginLock', { username: 'ravi' })).cleared >= 1);
    assert.equal((await locked.request('session.login', { username: 'ravi', password: PASSWORD }, 10_000)).ok, true, 'the desk that was locked gets in');
    const audit = site().stored.audit.list({ limit: 50, target: 'session' }).find((e) => e.action === 'session.clearLoginLock');
    assert.equal(audit?.actor, 'supervisor:asha');
  });
});

describe('logins relayed by a workstation', () => {
  let site: TwoUserEngine;
  let workstation: SiteEngine;
  let workstationDir: string;
  let key: string;

  before(async () => {
    site = await startTwoUserEngine('jharokha-lockout-relay-');
    key = site.stored.workstations.register('ws-1', 'Desk 1');
    workstationDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-lockout-ws-'));
    workstation = await SiteEngine.create({
      dataDir: workstationDir,
      port: 0,
      demo: false,
      upstream: { siteUrl: site.engine.baseUrl, workstationId: 'ws-1', key, siteToken: site.engine.token },
      upstreamTiming: { pingMs: 300, pollMs: 60_000 },
    });
    await until('workstation in site mode', 15_000, () => workstation.internalsForTests.workstation!.workstation.siteMode);
  });

  after(async () => {
    await workstation?.close();
    await site?.close();
    fs.rmSync(workstationDir, { recursive: true, force: true });
  });

  it("a relayed login is limited by the page's own address", async () => {
    const stranger = site.track(await fromDesk(workstation.wsUrl(), '127.0.0.2'));
    await stranger.waitFrame((f) => f.event === 'site.status', 'site.status');
    assert.equal((await lockRavi(stranger)).code, 'RateLimited');
    const desk = site.track(await fromDesk(workstation.wsUrl(), '127.0.0.4'));
    assert.equal((await desk.request('session.login', { username: 'ravi', password: PASSWORD }, 10_000)).ok, true, 'another page through the same workstation is not locked');
    const refused = site.stored.audit.list({ limit: 20, target: 'session' }).find((e) => e.action === 'session.loginRefused');
    assert.deepEqual(refused?.detail, { address: '127.0.0.2' }, 'the site counted the page, not the workstation');
    // Only a workstation's key makes the site believe a relayed address.
    const forged = { [RELAY_HEADERS.workstation]: 'ws-1', [RELAY_HEADERS.key]: 'x'.repeat(43), [RELAY_HEADERS.clientAddress]: '10.9.9.9' };
    await assert.rejects(TestClient.connect(site.engine.wsUrl(), forged), /401/);
  });
});
