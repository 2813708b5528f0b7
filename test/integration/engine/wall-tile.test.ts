// wall.setTile, what the console's wall map sends when a camera is dropped on one tile: only that
// tile changes (two operators on two tiles never undo each other), a span takes the camera over
// all its displays, the lease and the audit apply as to every wall change.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { UserRole } from '../../../common/domain/user.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { TestClient } from '../../support/ws-client.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';

const camera = (id: string) => ({ id, name: id, category: 'bank' as const, lat: 26.47, lon: 80.35, mainUrl: `rtsp://127.0.0.1:1/${id}/main` });

describe('wall.setTile: one tile of one display', () => {
  let dataDir: string;
  let engine: SiteEngine;
  let stored: EngineFile;
  let asha: TestClient;
  let ravi: TestClient;
  let display: TestClient;

  const login = async (username: string, role: UserRole = 'operator'): Promise<TestClient> => {
    const client = await TestClient.connect(engine.wsUrl());
    const password = `${username} long password`;
    await stored.users.upsert({ username, displayName: username, role, password });
    await client.ok('session.login', { username, password });
    return client;
  };

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-wall-tile-'));
    engine = await SiteEngine.create({ dataDir, port: 0, demo: false });
    stored = await openEngineFile(dataDir);
    stored.cameras.upsertMany(['cam-1', 'cam-2', 'cam-3'].map(camera));
    const installer = await login('neha', 'installer');
    await installer.ok('setup.saveWall', { id: 'ops', name: 'Operations', columns: 2, rows: 1, displays: ['1', '2'], display: { widthMm: 1210, heightMm: 680, bezelMm: 0 } });
    installer.close();
    [asha, ravi, display] = await Promise.all([login('asha'), login('ravi'), login('vikram', 'wall')]);
  });

  after(async () => {
    for (const client of [asha, ravi, display]) client?.close();
    stored?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('two operators on two tiles of one display both land, and each change is announced and audited', async () => {
    await asha.ok('wall.set', { wallId: 'ops', displayId: '1', grid: 4, tiles: [null, null, null, null] });
    await Promise.all([
      asha.ok('wall.setTile', { wallId: 'ops', displayId: '1', index: 0, cameraId: 'cam-1' }),
      ravi.ok('wall.setTile', { wallId: 'ops', displayId: '1', index: 3, cameraId: 'cam-2' }),
    ]);
    assert.deepEqual((await display.ok('wall.get', { wallId: 'ops', displayId: '1' })).tiles, ['cam-1', null, null, 'cam-2']);
    await display.waitFrame(
      (f) => f.event === 'wall.layout' && f.data.tiles[0] === 'cam-1' && f.data.tiles[3] === 'cam-2',
      'a wall.layout with both tiles',
    );
    await asha.ok('wall.setTile', { wallId: 'ops', displayId: '1', index: 0, cameraId: null });
    assert.deepEqual((await display.ok('wall.get', { wallId: 'ops', displayId: '1' })).tiles, [null, null, null, 'cam-2']);
    const audit = stored.audit.list({ limit: 10, target: 'wall:ops/1' }).filter((e) => e.action === 'wall.setTile');
    assert.deepEqual(audit.map((e) => e.actor).sort(), ['operator:asha', 'operator:asha', 'operator:ravi']);
  });

  it('a tile past the grid, an unknown camera and bad params are refused and change nothing', async () => {
    const before = (await display.ok('wall.get', { wallId: 'ops', displayId: '1' })).tiles;
    const past = await asha.request('wall.setTile', { wallId: 'ops', displayId: '1', index: 4, cameraId: 'cam-1' });
    assert.equal(past.error?.code, 'BadRequest');
    assert.match(past.error!.message, /has 4 tiles/);
    assert.equal((await asha.request('wall.setTile', { wallId: 'ops', displayId: '1', index: 0, cameraId: 'nope' })).error?.code, 'NotFound');
    assert.equal((await asha.request('wall.setTile', { wallId: 'ops', displayId: '1', index: -1, cameraId: 'cam-1' })).error?.code, 'BadRequest');
    assert.equal((await asha.request('wall.setTile', { wallId: 'ops', displayId: '1', index: 0 })).error?.code, 'BadRequest');
    assert.deepEqual((await display.ok('wall.get', { wallId: 'ops', displayId: '1' })).tiles, before);
  });

  it('on a spanned display the camera replaces the span on every display it covers; null takes the span off', async () => {
    await asha.ok('wall.setSpans', { wallId: 'ops', spans: [{ cameraId: 'cam-1', col: 0, row: 0, cols: 2, rows: 1 }] });
    await asha.ok('wall.setTile', { wallId: 'ops', displayId: '2', index: 0, cameraId: 'cam-3' });
    const right = await display.ok('wall.view', { wallId: 'ops', displayId: '1' });
    assert.deepEqual([right.kind, right.cameraId], ['span', 'cam-3']);
    await display.waitFrame((f) => f.event === 'wall.spans' && f.data.spans[0]?.cameraId === 'cam-3', 'wall.spans with cam-3');
    await asha.ok('wall.setTile', { wallId: 'ops', displayId: '1', index: 0, cameraId: null });
    assert.equal((await display.ok('wall.view', { wallId: 'ops', displayId: '2' })).kind, 'grid');
  });

  it('while Asha holds the wall, Ravi is refused, and a person at a wall PC always is', async () => {
    await asha.ok('wall.takeControl', { wallId: 'ops' });
    for (const [client, code] of [[ravi, 'Conflict'], [display, 'Forbidden']] as const) {
      const refused = await client.request('wall.setTile', { wallId: 'ops', displayId: '1', index: 1, cameraId: 'cam-2' });
      assert.equal(refused.error?.code, code);
    }
    await asha.ok('wall.setTile', { wallId: 'ops', displayId: '1', index: 1, cameraId: 'cam-2' });
    await asha.ok('wall.releaseControl', { wallId: 'ops' });
  });
});
