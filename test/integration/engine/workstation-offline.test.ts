// Issue 5's resilience story with real processes: a workstation engine follows a site engine that
// runs in a process of its own. The site is killed with SIGKILL while an operator works: the
// workstation says so, serves the queue from its cache, pulls a camera straight from the camera,
// and keeps the operator's acknowledgement in its outbox; when the site is started again the
// acknowledgement reaches it exactly once, even when a delivery's answer is lost on the way.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { JharokhaError } from '../../../common/errors.js';
import type { MethodParams } from '../../../common/protocol/methods.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { BoxRepo } from '../../../main/engine/node/store/box-repo.js';
import { CameraRepo } from '../../../main/engine/node/store/camera-repo.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { UserRepo } from '../../../main/engine/node/store/user-repo.js';
import { WorkstationRepo } from '../../../main/engine/node/store/workstation-repo.js';
import { CameraSimulator, mediaPath, MEDIA_CLIPS } from '../../../sim/index.js';
import { until } from '../../until.js';
import { TestClient } from './ws-client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE_TOKEN = 'site-token-for-the-workstation-test';
const PASSWORD = 'correct horse battery';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startSite(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'site-child.ts'), dataDir, String(port), SITE_TOKEN], {
    env: { ...process.env, JHAROKHA_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error('site engine exited before it was ready')));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** A console socket on the workstation: the first frame says which mode it is served in. */
async function consoleOn(workstation: SiteEngine, mode: 'site' | 'local'): Promise<TestClient> {
  const client = await TestClient.connect(workstation.wsUrl());
  const status = await client.waitFrame((f) => f.event === 'site.status', 'site.status');
  assert.equal(status.data.mode, mode);
  return client;
}

describe('a workstation when its site server dies and comes back', () => {
  let sim: CameraSimulator;
  let site: ChildProcess | undefined;
  let workstation: SiteEngine;
  let siteDir: string;
  let sitePort: number;
  let kioskKey: string;

  before(async () => {
    sim = await CameraSimulator.create({ port: 0, cameras: [{ id: 'cam-a', main: mediaPath(MEDIA_CLIPS.main720Gop2) }] });
    siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-site-'));
    const db = openDatabase(path.join(siteDir, 'engine.sqlite'));
    new CameraRepo(db).upsertMany([{ id: 'cam-a', name: 'Ghantaghar', category: 'market', lat: 26.46, lon: 80.35, mainUrl: sim.url('cam-a', 'main') }]);
    const boxes = new BoxRepo(db);
    boxes.upsert({ id: 'box-a', name: 'Ghantaghar box', place: 'Ghantaghar', lat: 26.46, lon: 80.35 });
    kioskKey = boxes.issueKey('box-a');
    await new UserRepo(db).upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: PASSWORD });
    const workstationKey = new WorkstationRepo(db).register('ws-1', 'Desk 1');
    db.close();
    sitePort = await freePort();
    site = await startSite(siteDir, sitePort);
    workstation = await SiteEngine.create({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-ws-')),
      port: 0,
      demo: false,
      pullGraceMs: 200,
      upstream: { siteUrl: `http://127.0.0.1:${sitePort}`, workstationId: 'ws-1', key: workstationKey, siteToken: SITE_TOKEN },
      upstreamTiming: { pingMs: 300, pollMs: 60_000, requestTimeoutMs: 3_000 },
    });
  });

  after(async () => {
    await workstation?.close();
    if (site && site.exitCode === null) await kill(site);
    await sim?.close();
  });

  it('relays to the site, works from its cache while the site is dead, and delivers the acknowledgement once', async () => {
    const ws = workstation.workstation!;
    await until('workstation in site mode', 10_000, () => ws.workstation.siteMode);
    assert.equal(workstation.cameras.count(), 1, 'the camera directory was copied');

    // Site mode: a press on the site reaches the relayed console, and the login is the site's.
    const kiosk = await TestClient.connect(`ws://127.0.0.1:${sitePort}/ws?box=box-a&key=${encodeURIComponent(kioskKey)}`);
    const press = await kiosk.request('box.press', { kind: 'panic', pressId: randomUUID() });
    assert.equal(press.ok, true);
    const alertId = press.result.alert.id as string;
    kiosk.close();
    let page = await consoleOn(workstation, 'site');
    const login = await page.request('session.login', { username: 'asha', password: PASSWORD });
    assert.equal(login.ok, true, JSON.stringify(login.error));
    const token = login.result.token as string;
    const listed = await page.request('alerts.list', {});
    assert.deepEqual(listed.result.alerts.map((a: { id: string }) => a.id), [alertId]);
    await until('alert in the cache', 3_000, () => ws.cache.alert(alertId) !== undefined);

    // The site dies: the page is put out and comes back in local mode, same login.
    await kill(site!);
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
    site = await startSite(siteDir, sitePort);
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
    await kill(site!);
    site = undefined;
    const db = openDatabase(path.join(siteDir, 'engine.sqlite'));
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
