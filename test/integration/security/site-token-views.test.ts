// Every view is someone's: the shared site token opens only the login page, consoles watch and
// change the wall after a login, and each wall display holds its own key, with which it may watch
// only what its display shows now. The audit of who viewed which camera names a person or a display.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KEY_REVOKED } from '../../../main/engine/node/api/connection.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';
import { loggedInClient } from '../../support/logged-in-client.js';
import { TestClient } from '../../support/ws-client.js';

const camera = (id: string) => ({ id, name: id, category: 'bank' as const, lat: 26.47, lon: 80.35, mainUrl: `rtsp://127.0.0.1:1/${id}/main` });
const OPS = { id: 'ops', name: 'Operations', columns: 2, rows: 1, displays: ['1', '2'], display: { widthMm: 1210, heightMm: 680, bezelMm: 0 } };

describe('views and wall changes need a person or a display', () => {
  let dataDir: string;
  let engine: SiteEngine;
  let stored: EngineFile;
  let installer: TestClient;
  let operator: TestClient;
  const keys = new Map<string, string>();

  const displayUrl = (wallId: string, displayId: string, key: string): string =>
    `${engine.wsUrl().replace(/\?.*/, '')}?wall=${wallId}&display=${displayId}&key=${encodeURIComponent(key)}`;
  const display = (displayId: string): Promise<TestClient> => TestClient.connect(displayUrl('ops', displayId, keys.get(displayId)!));

  /** A watch as a page starts one: a receive transport, then the camera on it. */
  const watch = async (client: TestClient, cameraId: string) => {
    const { rtpCapabilities } = await client.ok('media.routerCapabilities', {});
    const transport = await client.ok('media.createRecvTransport', {});
    return client.request('watch.start', { transportId: transport.id, cameraId, stream: 'main', rtpCapabilities });
  };

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-views-'));
    engine = await SiteEngine.create({ dataDir, port: 0, demo: false });
    stored = await openEngineFile(dataDir);
    stored.cameras.upsertMany(['cam-1', 'cam-2', 'cam-3'].map(camera));
    installer = await loggedInClient(engine.wsUrl(), stored.users, 'neha', 'installer');
    await installer.ok('setup.saveWall', OPS);
    for (const displayId of OPS.displays) keys.set(displayId, (await installer.ok('setup.issueDisplayKey', { wallId: 'ops', displayId })).key);
    operator = await loggedInClient(engine.wsUrl(), stored.users, 'asha');
    await operator.ok('wall.set', { wallId: 'ops', displayId: '1', grid: 4, tiles: ['cam-1', null, null, null] });
    await operator.ok('wall.set', { wallId: 'ops', displayId: '2', grid: 1, tiles: ['cam-2'] });
  });

  after(async () => {
    installer?.close();
    operator?.close();
    stored?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a site-token socket cannot watch or change the wall before logging in', async () => {
    const bare = await TestClient.connect(engine.wsUrl());
    try {
      assert.ok((await bare.ok('media.routerCapabilities', {})).rtpCapabilities, 'the login page still loads the codecs');
      for (const [method, params] of [
        ['media.createRecvTransport', {}],
        ['watch.start', { transportId: '00000000-0000-4000-8000-000000000000', cameraId: 'cam-1', stream: 'main', rtpCapabilities: {} }],
        ['cameras.search', { text: '' }],
        ['cameras.get', { ids: ['cam-1'] }],
        ['wall.view', { wallId: 'ops', displayId: '1' }],
        ['wall.get', { wallId: 'ops', displayId: '1' }],
        ['walls.list', {}],
        ['wall.set', { wallId: 'ops', displayId: '1', grid: 1, tiles: ['cam-3'] }],
        ['wall.setTile', { wallId: 'ops', displayId: '1', index: 0, cameraId: 'cam-3' }],
      ] as const) {
        const answer = await bare.request(method, params);
        assert.equal(answer.error?.code, 'Forbidden', method);
        assert.match(answer.error!.message, /log in first/, method);
      }
      assert.equal((await operator.ok('wall.get', { wallId: 'ops', displayId: '1' })).tiles[0], 'cam-1', 'the wall is unchanged');
      await bare.ok('session.login', { username: 'asha', password: 'asha long password' });
      assert.ok((await watch(bare, 'cam-3')).ok, 'after a login the same socket watches');
    } finally {
      bare.close();
    }
  });

  it('a display watches only the cameras its display shows', async () => {
    const one = await display('1');
    try {
      assert.ok((await watch(one, 'cam-1')).ok, 'cam-1 is on display 1');
      const other = await watch(one, 'cam-2');
      assert.equal(other.error?.code, 'Forbidden');
      assert.match(other.error!.message, /display ops\/1 does not show camera cam-2/);
      assert.deepEqual((await one.ok('cameras.get', { ids: ['cam-1', 'cam-2'] })).cameras.map((c: { id: string }) => c.id), ['cam-1']);
      const change = await one.request('wall.setTile', { wallId: 'ops', displayId: '1', index: 1, cameraId: 'cam-2' });
      assert.equal(change.error?.code, 'Forbidden', 'a display changes no wall');
      await operator.ok('wall.setTile', { wallId: 'ops', displayId: '1', index: 1, cameraId: 'cam-2' });
      await one.waitFrame((f) => f.event === 'wall.layout' && f.data.tiles[1] === 'cam-2', 'its own layout change');
      assert.ok((await watch(one, 'cam-2')).ok, 'once an operator puts cam-2 on display 1, it may watch it');
      assert.ok(!one.frames.some((f) => f.event === 'wall.layout' && (f.data as { displayId: string }).displayId === '2'), 'it hears nothing of display 2');
    } finally {
      one.close();
    }
  });

  it('only an installer issues, lists or revokes display keys', async () => {
    for (const [method, params] of [
      ['setup.issueDisplayKey', { wallId: 'ops', displayId: '1' }],
      ['setup.revokeDisplayKey', { wallId: 'ops', displayId: '1' }],
      ['setup.listDisplayKeys', {}],
    ] as const) {
      const answer = await operator.request(method, params);
      assert.equal(answer.error?.code, 'Forbidden', method);
      assert.match(answer.error!.message, /needs the installer role/, method);
    }
    const one = await display('1');
    try {
      assert.ok((await one.ok('wall.view', { wallId: 'ops', displayId: '1' })).kind, 'the display\'s key still works');
    } finally {
      one.close();
    }
  });

  it('a display key works only for its own display', async () => {
    await assert.rejects(TestClient.connect(displayUrl('ops', '2', keys.get('1')!)), /401/);
    await assert.rejects(TestClient.connect(displayUrl('ops', '1', 'x'.repeat(43))), /401/);
    const one = await display('1');
    try {
      const view = await one.request('wall.view', { wallId: 'ops', displayId: '2' });
      assert.equal(view.error?.code, 'Forbidden');
      assert.match(view.error!.message, /display ops\/1 may not read display ops\/2/);
      assert.equal((await one.ok('wall.view', { wallId: 'ops', displayId: '1' })).kind, 'grid');
      for (const method of ['walls.list', 'cameras.search', 'session.login', 'alerts.list'] as const) {
        assert.equal((await one.request(method, method === 'session.login' ? { username: 'asha', password: 'asha long password' } : {})).error?.code, 'Forbidden', method);
      }
    } finally {
      one.close();
    }
  });

  it('a revoked display key cannot open a socket', async () => {
    const two = await display('2');
    const closed = new Promise<number>((resolve) => two.ws.once('close', (code) => resolve(code)));
    const started = Date.now();
    await installer.ok('setup.revokeDisplayKey', { wallId: 'ops', displayId: '2' });
    assert.equal(await closed, KEY_REVOKED.code, 'its open socket closes as any revoked key does');
    assert.ok(Date.now() - started < 1000, 'within 1 s');
    await assert.rejects(display('2'), /401/);
    const listed = (await installer.ok('setup.listDisplayKeys', {})).displays.find((d: { displayId: string }) => d.displayId === '2');
    assert.equal(listed.hasKey, false);
    assert.equal(typeof listed.revokedAt, 'number');
    keys.set('2', (await installer.ok('setup.issueDisplayKey', { wallId: 'ops', displayId: '2' })).key);
    (await display('2')).close();
  });

  it('every camera.view in the audit names a person or a display', async () => {
    const one = await display('1');
    try {
      assert.ok((await watch(one, 'cam-1')).ok);
      assert.ok((await watch(operator, 'cam-3')).ok);
    } finally {
      one.close();
    }
    const views = (await loggedInClient(engine.wsUrl(), stored.users, 'sunita', 'supervisor').then(async (supervisor) => {
      const { entries } = await supervisor.ok('audit.list', { limit: 1000 });
      supervisor.close();
      return entries;
    })) as { actor: string; action: string }[];
    const actors = views.filter((e) => e.action === 'camera.view').map((e) => e.actor);
    assert.ok(actors.includes('display:ops/1') && actors.includes('operator:asha'), actors.join(', '));
    for (const actor of actors) assert.match(actor, /^((operator|supervisor|wall):[a-z0-9._-]+|display:[a-z0-9-]+\/[a-z0-9-]+)$/);
  });
});
