// The installer tools over the WebSocket: only a logged-in installer may probe cameras or look for
// ONVIF devices; probe progress is pushed to the socket that asked; typed ONVIF passwords are kept
// nowhere (not in the audit, not in any answer).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath, OnvifDeviceSimulator, WS_DISCOVERY_GROUP } from '../../../sim/index.js';
import { TestScratch } from '../../support/test-scratch.js';
import type { TestClient } from '../../support/ws-client.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';

const INSTALLER_PASSWORD = 'installer password';
const OPERATOR_PASSWORD = 'operator password';
const ONVIF_PASSWORD = 'onvif-device-secret';
const SETUP_METHODS = ['setup.probeCameras', 'setup.discoverOnvif', 'setup.onvifProfiles'] as const;

describe('installer tools over the WebSocket', () => {
  const scratch = new TestScratch('jharokha-setup-probe-');
  let sim: CameraSimulator;
  let device: OnvifDeviceSimulator;
  let engine: SiteEngine;
  let stored: EngineFile;
  const connect = async (login?: [string, string]): Promise<TestClient> => {
    const client = await scratch.connect(engine.wsUrl());
    if (login) assert.equal((await client.request('session.login', { username: login[0], password: login[1] })).ok, true);
    return client;
  };
  const params = {
    'setup.probeCameras': { cameraIds: ['bank-gate'], stream: 'main' },
    'setup.discoverOnvif': { timeoutMs: 500 },
    'setup.onvifProfiles': () => ({ address: device.address, username: 'admin', password: ONVIF_PASSWORD }),
  };
  const paramsOf = (method: (typeof SETUP_METHODS)[number]): unknown => {
    const p = params[method];
    return typeof p === 'function' ? p() : p;
  };

  before(async () => {
    sim = await CameraSimulator.create({
      cameras: ['bank-gate', 'atm-parade', 'bank-slow'].map((id) => ({ id, main: mediaPath(MEDIA_CLIPS.main720Gop1) })),
    });
    device = await OnvifDeviceSimulator.create({
      username: 'admin',
      password: ONVIF_PASSWORD,
      name: 'Bank Gate',
      discovery: { multicastInterface: '127.0.0.1' },
      profiles: [{ token: 'main', name: 'Main', encoding: 'H264', width: 1280, height: 720, fps: 25, bitrateKbps: 300, govLength: 25, rtspUrl: sim.url('bank-gate') }],
    });
    engine = await SiteEngine.create({
      dataDir: scratch.dataDir,
      port: 0,
      demo: false,
      // Discovery stays on loopback here: multicast joined on 127.0.0.1 to the simulator's port.
      setup: { discovery: { interfaces: ['127.0.0.1'], multicast: { address: WS_DISCOVERY_GROUP, port: device.discoveryPort! } } },
    });
    stored = await openEngineFile(scratch.dataDir);
    stored.cameras.upsertMany(
      ['bank-gate', 'atm-parade', 'bank-slow'].map((id) => ({
        id,
        name: id,
        category: id.startsWith('atm') ? ('atm' as const) : ('bank' as const),
        lat: 26.47,
        lon: 80.35,
        mainUrl: sim.url(id),
      })),
    );
    await stored.users.upsert({ username: 'neha', displayName: 'Neha', role: 'installer', password: INSTALLER_PASSWORD });
    await stored.users.upsert({ username: 'ravi', displayName: 'Ravi', role: 'operator', password: OPERATOR_PASSWORD });
  });

  after(async () => {
    scratch.closeClients();
    stored?.close();
    await engine?.close();
    await device?.close();
    await sim?.close();
    scratch.removeDataDir();
  });

  it('refuses every setup tool to a display that has not logged in and to an operator', async () => {
    const display = await connect();
    const operator = await connect(['ravi', OPERATOR_PASSWORD]);
    for (const method of SETUP_METHODS) {
      const anonymous = await display.request(method, paramsOf(method));
      assert.equal(anonymous.error?.code, 'Forbidden', method);
      assert.match(anonymous.error!.message, /log in first/);
      const refused = await operator.request(method, paramsOf(method));
      assert.equal(refused.error?.code, 'Forbidden', method);
      assert.match(refused.error!.message, /needs the installer role; ravi is operator/);
    }
    assert.equal(sim.activeSessions('bank-gate'), 0, 'no camera was pulled');
    assert.equal(device.requests.length, 0, 'the ONVIF device was never asked');
  });

  it('probes cameras in the background, pushing each result and then finished to the installer only', async () => {
    const installer = await connect(['neha', INSTALLER_PASSWORD]);
    const bystander = await connect(['neha', INSTALLER_PASSWORD]);
    const started = await installer.request('setup.probeCameras', { cameraIds: ['bank-gate', 'atm-parade', 'bank-gate'], stream: 'main' });
    assert.equal(started.ok, true, JSON.stringify(started.error));
    const { jobId } = started.result;
    const busy = await bystander.request('setup.probeCameras', { cameraIds: ['bank-slow'] });
    assert.equal(busy.error?.code, 'Conflict');
    const last = await installer.waitFrame((f) => f.event === 'setup.probeProgress' && f.data.finished, 'probe finished', 15_000);
    assert.deepEqual(last.data, { jobId, done: 2, total: 2, finished: true });
    const results = installer.frames.filter((f) => f.event === 'setup.probeProgress' && !(f.data as any).finished).map((f) => f.data as any);
    assert.deepEqual(results.map((r) => r.done), [1, 2]);
    assert.deepEqual(results.map((r) => r.result.cameraId).sort(), ['atm-parade', 'bank-gate']);
    for (const { result } of results) {
      assert.deepEqual([result.status, result.width, result.height, result.fps, result.keyframeIntervalS], ['ok', 1280, 720, 25, 1]);
    }
    assert.ok(!bystander.frames.some((f) => f.event === 'setup.probeProgress'), 'progress goes to the socket that asked');
    assert.ok(!JSON.stringify(installer.frames).includes('rtsp://'), 'no camera URL reaches the client');
    assert.equal((await installer.request('setup.probeCameras', { cameraIds: ['no-such-camera'] })).error?.code, 'NotFound');
    const tooMany = Array.from({ length: 501 }, (_, i) => `cam-${i}`);
    assert.equal((await installer.request('setup.probeCameras', { cameraIds: tooMany })).error?.code, 'BadRequest');
    const audit = stored.audit.list({ limit: 5, target: `probe:${jobId}` });
    assert.deepEqual(audit.map((e) => [e.actor, e.action]), [['installer:neha', 'setup.probeCameras']]);
  });

  it('discovers the ONVIF device and lists its profiles; the typed password is kept nowhere', async () => {
    const installer = await connect(['neha', INSTALLER_PASSWORD]);
    const discovered = await installer.request('setup.discoverOnvif', { timeoutMs: 500 });
    assert.equal(discovered.ok, true, JSON.stringify(discovered.error));
    assert.deepEqual(discovered.result.devices.map((d: any) => [d.urn, d.address, d.name]), [[device.urn, device.address, 'Bank Gate']]);
    const profiles = await installer.request('setup.onvifProfiles', { address: discovered.result.devices[0].xaddrs[0], username: 'admin', password: ONVIF_PASSWORD });
    assert.equal(profiles.ok, true, JSON.stringify(profiles.error));
    assert.deepEqual(profiles.result.profiles.map((p: any) => [p.token, p.streamUri]), [['main', sim.url('bank-gate')]]);
    const wrong = await installer.request('setup.onvifProfiles', { address: device.address, username: 'admin', password: 'not-it' });
    assert.equal(wrong.error?.code, 'CameraUnauthorized');
    const audited = JSON.stringify(stored.audit.list({ limit: 100 }));
    assert.ok(!audited.includes(ONVIF_PASSWORD) && !audited.includes('not-it'));
    const answers = JSON.stringify(installer.frames.filter((f) => 'id' in f));
    assert.ok(!answers.includes(ONVIF_PASSWORD) && !answers.includes('not-it'));
  });
});
