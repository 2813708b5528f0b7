// A control room's engine restarts (an update, a crash) under a wall: the operator who held the
// wall's lease still holds it until the same expiry, and the running tour carries on stepping.
// Three engines in turn on one data directory, over the WebSocket as consoles see them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { TestClient } from '../../support/ws-client.js';
import { openEngineFile } from '../../support/engine-stores.js';

const LEASE_MS = 30_000;
const password = (username: string): string => `${username} long password`;
const camera = (id: string) => ({ id, name: id, category: 'bank' as const, lat: 26.47, lon: 80.35, mainUrl: `rtsp://127.0.0.1:1/${id}/main` });

describe('video walls across an engine restart', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-wall-restart-'));
  let engine: SiteEngine | undefined;
  const clients: TestClient[] = [];

  const start = async (): Promise<SiteEngine> => {
    engine = await SiteEngine.create({ dataDir, port: 0, demo: false, wallLeaseMs: LEASE_MS });
    return engine;
  };
  const stop = async (): Promise<void> => {
    for (const client of clients.splice(0)) client.close();
    await engine?.close();
    engine = undefined;
  };
  const connect = async (site: SiteEngine, username?: string): Promise<TestClient> => {
    const client = await TestClient.connect(site.wsUrl());
    clients.push(client);
    if (username) await client.ok('session.login', { username, password: password(username) });
    return client;
  };

  after(async () => {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the lease holder keeps the wall and the tour keeps stepping; after stop and release nothing comes back', async () => {
    const first = await start();
    const stored = await openEngineFile(dataDir);
    stored.cameras.upsertMany(['cam-1', 'cam-2', 'cam-3'].map(camera));
    for (const [username, role] of [['neha', 'installer'], ['asha', 'operator'], ['ravi', 'operator'], ['vikram', 'wall']] as const) {
      await stored.users.upsert({ username, displayName: `${username[0]!.toUpperCase()}${username.slice(1)}`, role, password: password(username) });
    }
    stored.close();
    const installer = await connect(first, 'neha');
    await installer.ok('setup.saveWall', { id: 'ops', name: 'Operations', columns: 1, rows: 1, display: { widthMm: 1210, heightMm: 680, bezelMm: 0 } });
    const asha = await connect(first, 'asha');
    const { control } = await asha.ok('wall.takeControl', { wallId: 'ops' });
    await asha.ok('wall.startTour', { wallId: 'ops', cameraIds: ['cam-1', 'cam-2', 'cam-3'], dwellS: 3 });
    await stop();

    const second = await start();
    const [display, ravi, ashaAgain] = [await connect(second, 'vikram'), await connect(second, 'ravi'), await connect(second, 'asha')];
    const [summary] = (await display.ok('walls.list', {})).walls;
    assert.deepEqual(summary.control, control, 'same holder, same expiry');
    assert.deepEqual([summary.tour?.step, summary.tour?.cameraIds, summary.tour?.startedBy], [0, ['cam-1', 'cam-2', 'cam-3'], 'operator:asha']);
    assert.deepEqual((await display.ok('wall.get', { wallId: 'ops', displayId: '1' })).tiles, ['cam-1']);
    const refused = await ravi.request('wall.set', { wallId: 'ops', displayId: '1', grid: 1, tiles: ['cam-3'] });
    assert.equal(refused.error?.code, 'Conflict');
    assert.match(refused.error!.message, /Asha \(asha\)/);
    assert.equal((await ravi.request('wall.takeControl', { wallId: 'ops' })).error?.code, 'Conflict');

    const from = display.frames.length;
    const stepped = await display.waitFrame((f) => f.event === 'wall.tour' && f.data.tour?.step === 1, 'the next tour step', 4500);
    assert.equal(stepped.data.wallId, 'ops');
    await display.waitFrame((f) => display.frames.indexOf(f) >= from && f.event === 'wall.layout' && f.data.tiles[0] === 'cam-2', 'cam-2 on the wall');

    await ashaAgain.ok('wall.stopTour', { wallId: 'ops' });
    await ashaAgain.ok('wall.releaseControl', { wallId: 'ops' });
    await stop();

    const third = await start();
    const [after3] = (await (await connect(third, 'vikram')).ok('walls.list', {})).walls;
    assert.deepEqual([after3.control.holder, after3.tour], [null, null]);
    await stop();
  });
});
