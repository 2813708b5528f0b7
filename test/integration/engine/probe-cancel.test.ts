// A camera-probe job belongs to the installer's socket that started it (its results go there and
// are kept nowhere else): when that socket closes, the probes running are cut short (their RTSP
// sessions end at the camera), no further camera is probed, and the one job slot is free again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../../sim/index.js';
import { until } from '../../support/wait.js';
import { TestClient } from '../../support/ws-client.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';

const PASSWORD = 'installer password';
const CAMERAS = Array.from({ length: 6 }, (_, i) => `probe-cam-${i}`);

describe('a probe job whose installer disconnects', () => {
  let dataDir: string;
  let sim: CameraSimulator;
  let engine: SiteEngine;
  let stored: EngineFile;
  const clients: TestClient[] = [];
  const playing = (): number => CAMERAS.reduce((n, id) => n + sim.activeSessions(id), 0);

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-probe-cancel-'));
    sim = await CameraSimulator.create({ cameras: CAMERAS.map((id) => ({ id, main: mediaPath(MEDIA_CLIPS.main720Gop1) })) });
    // Probes that would each hold their camera for 20 s, two at a time: the job is long enough to be cut.
    engine = await SiteEngine.create({ dataDir, port: 0, demo: false, setup: { probe: { concurrency: 2, minWindowMs: 20_000, timeoutMs: 30_000 } } });
    stored = await openEngineFile(dataDir);
    stored.cameras.upsertMany(CAMERAS.map((id) => ({ id, name: id, category: 'bank' as const, lat: 26.47, lon: 80.35, mainUrl: sim.url(id) })));
    await stored.users.upsert({ username: 'neha', displayName: 'Neha', role: 'installer', password: PASSWORD });
  });

  after(async () => {
    for (const client of clients) client.close();
    stored?.close();
    await engine?.close();
    await sim?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops: running probes end at the camera, no other camera is pulled, and a new job may start', async () => {
    const installer = await TestClient.connect(engine.wsUrl());
    clients.push(installer);
    await installer.ok('session.login', { username: 'neha', password: PASSWORD });
    await installer.ok('setup.probeCameras', { cameraIds: CAMERAS, stream: 'main' });
    await until('two probes playing', 5_000, () => playing() === 2);
    const probed = new Set(CAMERAS.filter((id) => sim.activeSessions(id) > 0));

    installer.close();
    await until('the running probes ended at the cameras', 3_000, () => playing() === 0);
    // Long enough for the next probe to have connected and played, had the job gone on.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(playing(), 0, 'no further camera was probed');
    for (const id of CAMERAS) if (!probed.has(id)) assert.equal(sim.activeSessions(id), 0, id);

    const next = await TestClient.connect(engine.wsUrl());
    clients.push(next);
    await next.ok('session.login', { username: 'neha', password: PASSWORD });
    const again = await next.request('setup.probeCameras', { cameraIds: [CAMERAS[5]], stream: 'main' });
    assert.equal(again.ok, true, `the job slot is free: ${JSON.stringify(again.error)}`);
    next.close();
    await until('the second job ended with its socket too', 3_000, () => playing() === 0);
  });
});
