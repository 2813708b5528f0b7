// Offline resilience with real processes: a workstation engine follows a site engine that
// runs in a process of its own. The site is killed with SIGKILL while an operator works: the
// workstation says so, serves the queue from its cache, pulls a camera straight from the camera,
// and keeps the operator's acknowledgement in its outbox; when the site is started again the
// acknowledgement reaches it exactly once, even when a delivery's answer is lost on the way.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JharokhaError } from '../../../common/errors.js';
import type { MethodParams } from '../../../common/protocol/methods.js';
import type { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { CameraSimulator, mediaPath, MEDIA_CLIPS } from '../../../sim/index.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';
import { until } from '../../support/wait.js';
import { killSite, kioskUrl, OPERATOR, seedSite, startSite, startWorkstation, type SeededSite } from '../../support/site-process.js';
import { TestClient } from '../../support/ws-client.js';

/** A console socket on the workstation: the first frame says which mode it is served in. */
async function consoleOn(workstation: SiteEngine, mode: 'site' | 'local'): Promise<TestClient> {
  const client = await TestClient.connect(workstation.wsUrl());
  const status = await client.waitFrame((f) => f.event === 'site.status', 'site.status');
  assert.equal(status.data.mode, mode);
  return client;
}

describe('a workstation when its site server dies and comes back', () => {
  let sim: CameraSimulator;
  let site: SeededSite;
  let workstation: SiteEngine;
  let local: EngineFile;
  const workstationDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-ws-'));

  before(async () => {
    sim = await CameraSimulator.create({ port: 0, cameras: [{ id: 'cam-a', main: mediaPath(MEDIA_CLIPS.main720Gop2) }] });
    site = await seedSite([{ id: 'cam-a', name: 'Ghantaghar', category: 'market', lat: 26.46, lon: 80.35, mainUrl: sim.url('cam-a', 'main') }]);
    await startSite(site);
    workstation = await startWorkstation(site, {}, workstationDir);
    local = await openEngineFile(workstationDir);
  });

  after(async () => {
    local?.close();
    await workstation?.close();
    await killSite(site);
    await sim?.close();
  });

  it('relays to the site, works from its cache while the site is dead, and delivers the acknowledgement once', async () => {
    const ws = workstation.internalsForTests.workstation!;
    await until('workstation in site mode', 10_000, () => ws.workstation.siteMode);
    assert.equal(local.cameras.count(), 1, 'the camera directory was copied');

    // Site mode: a press on the site reaches the relayed console, and the login is the site's.
    const kiosk = await TestClient.connect(kioskUrl(site));
    const press = await kiosk.request('box.press', { kind: 'panic', pressId: randomUUID() });
    assert.equal(press.ok, true);
    const alertId = press.result.alert.id as string;
    kiosk.close();
    let page = await consoleOn(workstation, 'site');
    const login = await page.request('session.login', OPERATOR);
    assert.equal(login.ok, true, JSON.stringify(login.error));
    const token = login.result.token as string;
    const listed = await page.request('alerts.list', {});
    assert.deepEqual(listed.result.alerts.map((a: { id: string }) => a.id), [alertId]);
    await until('alert in the cache', 3_000, () => ws.cache.alert(alertId) !== undefined);

    // The site dies: the page is put out and comes back in local mode, same login.
    await killSite(site);
    await until('workstation in local mode', 5_000, () => !ws.workstation.siteMode);
    await until('relayed page closed', 3_000, () => page.ws.readyState === page.ws.CLOSED);
    page = await consoleOn(workstation, 'local');
    const resumed = await page.request('session.resume', { token });
    assert.equal(resumed.ok, true, JSON.stringify(resumed.error));
    const cached = await page.request('alerts.list', {});
    assert.deepEqual(cached.result.alerts.map((a: { id: string }) => a.id), [alertId]);
    const answer = await page.request('alert.answer', { alertId });
    assert.equal(answer.error?.code, 'Unavailable');

    // Cameras still come: this workstation's own SFU pulls the camera directly.
    const caps = await page.request('media.routerCapabilities', {});
    const transport = await page.request('media.createRecvTransport', {});
    const watch = await page.request('watch.start', { transportId: transport.result.id, cameraId: 'cam-a', stream: 'main', rtpCapabilities: caps.result.rtpCapabilities });
    assert.equal(watch.ok, true, JSON.stringify(watch.error));
    await page.waitFrame((f) => f.event === 'watch.state' && f.data.state === 'live', 'live camera while the site is dead', 10_000);

    // The acknowledgement is saved here at once; asking again with the same key changes nothing.
    const requestKey = randomUUID();
    const ack = await page.request('alert.acknowledge', { alertId, note: 'PCR van sent', requestKey });
    assert.equal(ack.ok, true, JSON.stringify(ack.error));
    assert.equal(ack.result.alert.acknowledgedBy, 'asha');
    assert.equal((await page.request('alert.acknowledge', { alertId, note: 'PCR van sent', requestKey })).ok, true);
    assert.equal(ws.outbox.pendingCount(), 1);
    await page.waitFrame((f) => f.event === 'site.status' && f.data.pendingActions === 1, 'status with one waiting action');

    // The site comes back: the outbox is delivered before the pages are switched back.
    await startSite(site);
    await until('workstation back in site mode', 15_000, () => ws.workstation.siteMode);
    assert.equal(ws.outbox.pendingCount(), 0);
    page.close();
    page = await consoleOn(workstation, 'site');
    assert.equal((await page.request('session.resume', { token })).ok, true);
    const after = await page.request('alerts.list', {});
    assert.equal(after.result.alerts[0].acknowledgedBy, 'asha');
    page.close();

    // A delivery whose answer is lost is sent again with the same key, and the site applies it once.
    const lost = ws.outbox.record('asha', { method: 'alert.acknowledge', params: { alertId, note: 'second look' } });
    let dropped = false;
    const lossyLine = {
      request: async (method: 'sync.deliver', params: MethodParams<'sync.deliver'>) => {
        const result = await ws.workstation.deliveryLine.request(method, params);
        if (!dropped) {
          dropped = true;
          throw new JharokhaError('Unavailable', 'answer lost on the way');
        }
        return result;
      },
    };
    assert.equal(await ws.outbox.deliver(lossyLine, () => undefined), 0);
    assert.equal(ws.outbox.pendingCount(), 1, 'a lost answer leaves the action pending');
    assert.equal(await ws.outbox.deliver(lossyLine, () => undefined), 1);
    assert.equal(ws.outbox.pendingCount(), 0);

    // The site's own store: each action exactly once, by asha via this workstation.
    await killSite(site);
    const db = openDatabase(path.join(site.dataDir, 'engine.sqlite'));
    try {
      const acks = db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'alert.acknowledge' ORDER BY id").all() as { actor: string; detail: string }[];
      assert.equal(acks.length, 2, JSON.stringify(acks));
      assert.ok(acks.every((a) => a.actor.includes('asha via workstation:ws-1')), JSON.stringify(acks));
      assert.deepEqual(acks.map((a) => JSON.parse(a.detail).note), ['PCR van sent', 'second look']);
      const applied = db.prepare('SELECT request_key FROM applied_requests').all() as { request_key: string }[];
      assert.deepEqual(applied.map((r) => r.request_key).sort(), [requestKey, lost.requestKey].sort());
    } finally {
      db.close();
    }
  });
});
