import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { loggedInClient } from '../../support/logged-in-client.js';
import { TestClient } from '../../support/ws-client.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';

const camera = (id: string, name: string, category: 'bank' | 'atm' = 'bank') => ({
  id,
  name,
  place: 'Mall Road',
  category,
  lat: 26.47,
  lon: 80.35,
  mainUrl: `rtsp://127.0.0.1:1/${id}/main`,
  subUrl: `rtsp://127.0.0.1:1/${id}/sub`,
  username: 'admin',
  password: 'secret-camera-password',
});

describe('engine API over the authenticated WebSocket', () => {
  let engine: SiteEngine;
  let stored: EngineFile;
  let dataDir: string;
  let client: TestClient;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-api-'));
    engine = await SiteEngine.create({ dataDir, port: 0, demo: false, token: 'test-token-123' });
    stored = await openEngineFile(dataDir);
    stored.cameras.upsertMany([
      camera('bank-sbi-mall-road', 'SBI Main Branch'),
      camera('atm-pnb-parade', 'PNB ATM Parade', 'atm'),
    ]);
    client = await loggedInClient(engine.wsUrl(), stored.users, 'asha');
  });

  after(async () => {
    client?.close();
    stored?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a connection without the token, with a wrong token, or from a foreign origin', async () => {
    const base = engine.wsUrl().replace(/\?.*/, '');
    await assert.rejects(TestClient.connect(base), /401/);
    await assert.rejects(TestClient.connect(`${base}?token=wrong-token-123`), /401/);
    await assert.rejects(TestClient.connect(engine.wsUrl(), { Origin: 'http://evil.example' }), /403/);
  });

  it('searches cameras by words and category without ever sending URLs or credentials', async () => {
    const all = await client.request('cameras.search', { text: '' });
    assert.equal(all.result.total, 2);
    const words = await client.request('cameras.search', { text: 'sbi mall' });
    assert.deepEqual(words.result.cameras.map((c: { id: string }) => c.id), ['bank-sbi-mall-road']);
    const atms = await client.request('cameras.search', { category: 'atm' });
    assert.deepEqual(atms.result.cameras.map((c: { id: string }) => c.id), ['atm-pnb-parade']);
    const wire = JSON.stringify(client.frames);
    assert.ok(!wire.includes('rtsp://') && !wire.includes('secret-camera-password') && !wire.includes('admin'));
  });

  it('returns summaries for known camera ids and skips unknown ones', async () => {
    const got = await client.request('cameras.get', { ids: ['atm-pnb-parade', 'no-such-camera'] });
    assert.deepEqual(got.result.cameras.map((c: { name: string }) => c.name), ['PNB ATM Parade']);
  });

  it('answers malformed frames with typed errors and keeps serving', async () => {
    client.sendRaw('{not json');
    const notJson = await client.waitFrame((f) => f.event === 'protocol.error', 'protocol.error');
    assert.equal(notJson.data.code, 'BadRequest');
    client.sendRaw(JSON.stringify({ method: 'cameras.search' }));
    const unknown = await client.request('cameras.delete-all', {});
    assert.deepEqual(unknown.error?.code, 'BadRequest');
    const badParams = await client.request('cameras.search', { limit: 100000 });
    assert.equal(badParams.error?.code, 'BadRequest');
    assert.match(badParams.error!.message, /limit/);
    const noTransport = await client.request('watch.start', {
      transportId: '00000000-0000-4000-8000-000000000000',
      cameraId: 'bank-sbi-mall-road',
      stream: 'main',
      rtpCapabilities: {},
    });
    assert.equal(noTransport.error?.code, 'NotFound');
    const still = await client.request('cameras.search', {});
    assert.equal(still.ok, true);
  });

  it('stores a wall layout, refuses unknown cameras, and pushes changes to every client', async () => {
    const other = await loggedInClient(engine.wsUrl(), stored.users, 'ravi');
    try {
      const layout = { wallId: 'main', displayId: '1', grid: 4, tiles: ['bank-sbi-mall-road', null, 'atm-pnb-parade', null] };
      const bad = await client.request('wall.set', { ...layout, tiles: ['no-such-camera', null, null, null] });
      assert.equal(bad.error?.code, 'NotFound');
      const wrongCount = await client.request('wall.set', { ...layout, tiles: [null] });
      assert.equal(wrongCount.error?.code, 'BadRequest');
      assert.equal((await client.request('wall.set', layout)).ok, true);
      const pushed = await other.waitFrame((f) => f.event === 'wall.layout', 'wall.layout event');
      assert.deepEqual(pushed.data, layout);
      assert.deepEqual((await other.request('wall.get', { wallId: 'main', displayId: '1' })).result, layout);
      const audited = stored.audit.list({ limit: 5, target: 'wall:main/1' });
      assert.equal(audited.length, 1, 'only the change that was made is audited');
      assert.deepEqual([audited[0]!.actor, audited[0]!.action], ['operator:asha', 'wall.set']);
    } finally {
      other.close();
    }
  });

  it('serves the renderer pages with a CSP and nothing outside the bundle', async () => {
    const res = await fetch(`${engine.baseUrl}/../../package.json`);
    assert.equal(res.status, 404);
    const page = await fetch(`${engine.baseUrl}/wall/main/1`);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'none'/);
  });
});
