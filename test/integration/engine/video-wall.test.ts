// Whole walls over the WebSocket: an installer defines a 2×2 wall; operators recall presets, span
// a camera over displays, take the wall's control lease and run tours; displays see every change.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { UserRole } from '../../../common/domain/user.js';
import type { WallLayout } from '../../../common/domain/wall.js';
import { SiteEngine } from '../../../main/engine/node/site-engine.js';
import { TestClient } from '../../support/ws-client.js';
import { openEngineFile, type EngineFile } from '../../support/engine-stores.js';

const LEASE_MS = 700;
const password = (username: string): string => `${username} long password`;
const camera = (id: string) => ({ id, name: id, category: 'bank' as const, lat: 26.47, lon: 80.35, mainUrl: `rtsp://127.0.0.1:1/${id}/main` });
const layout = (displayId: string, tiles: (string | null)[]): WallLayout => ({ wallId: 'ops', displayId, grid: tiles.length as WallLayout['grid'], tiles });

type Frame = Record<string, any>;

/** Waits until `count` events named `event` (and matching) arrived after frame index `from`. */
async function events(client: TestClient, from: number, event: string, count: number, match: (data: any) => boolean = () => true, timeoutMs = 3000): Promise<any[]> {
  const pick = (): Frame[] => client.frames.slice(from).filter((f) => f.event === event && match(f.data));
  await client.waitFrame(() => pick().length >= count, `${count} ${event} events`, timeoutMs);
  return pick().map((f) => f.data);
}

describe('video walls over the WebSocket: presets, spans, control, tours', () => {
  let dataDir: string;
  let engine: SiteEngine;
  let stored: EngineFile;
  let installer: TestClient;
  let asha: TestClient;
  let ravi: TestClient;
  let display: TestClient;
  const clients: TestClient[] = [];

  const connect = async (username?: string, role: UserRole = 'operator'): Promise<TestClient> => {
    const client = await TestClient.connect(engine.wsUrl());
    clients.push(client);
    if (username) {
      await stored.users.upsert({ username, displayName: `${username[0]!.toUpperCase()}${username.slice(1)}`, role, password: password(username) });
      const login = await client.request('session.login', { username, password: password(username) });
      assert.equal(login.ok, true, JSON.stringify(login.error));
    }
    return client;
  };

  /** Every display of ops shows `cameraId`, and the display socket has heard so (no stale event later). */
  const setAll = async (cameraId: string): Promise<void> => {
    const from = display.frames.length;
    for (const displayId of ['1', '2', '3', '4']) await asha.ok('wall.set', layout(displayId, [cameraId]));
    await events(display, from, 'wall.layout', 4, (l) => l.wallId === 'ops' && l.tiles[0] === cameraId);
  };

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-video-wall-'));
    engine = await SiteEngine.create({ dataDir, port: 0, demo: false, wallLeaseMs: LEASE_MS });
    stored = await openEngineFile(dataDir);
    stored.cameras.upsertMany(['cam-1', 'cam-2', 'cam-3', 'cam-4', 'cam-5', 'cam-6'].map(camera));
    [installer, asha, ravi, display] = await Promise.all([connect('neha', 'installer'), connect('asha'), connect('ravi'), connect('vikram', 'wall')]);
    const from = display.frames.length;
    const saved = await installer.ok('setup.saveWall', { id: 'ops', name: 'Operations', columns: 2, rows: 2, display: { widthMm: 1210, heightMm: 680, bezelMm: 0 } });
    assert.deepEqual(saved.wall.displays, ['1', '2', '3', '4']);
    await events(display, from, 'wall.defined', 1);
  });

  after(async () => {
    for (const client of clients) client.close();
    stored?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('only installers define walls; anyone lists them', async () => {
    assert.equal((await asha.request('setup.saveWall', { id: 'x', name: 'X', columns: 1, rows: 1, display: { widthMm: 1, heightMm: 1, bezelMm: 0 } })).error?.code, 'Forbidden');
    assert.equal((await installer.request('setup.saveWall', { id: 'x', name: 'X', columns: 2, rows: 1, displays: ['a'], display: { widthMm: 1, heightMm: 1, bezelMm: 0 } })).error?.code, 'BadRequest');
    const { walls } = await display.ok('walls.list', {});
    assert.deepEqual(walls.map((w: any) => [w.wall.id, w.wall.columns, w.wall.rows, w.control.holder, w.tour]), [['ops', 2, 2, null, null]]);
    assert.equal(stored.audit.list({ limit: 5, target: 'wall:ops' }).find((e) => e.action === 'setup.saveWall')?.actor, 'installer:neha');
  });

  it('recalling a preset changes all four displays at once, with one audit entry', async () => {
    for (const [displayId, tiles] of [['1', ['cam-1']], ['2', ['cam-2']], ['3', ['cam-3']], ['4', ['cam-4', null, null, 'cam-1']]] as const) {
      await asha.ok('wall.set', layout(displayId, [...tiles]));
    }
    const { preset } = await asha.ok('wall.savePreset', { wallId: 'ops', name: 'Patrol' });
    assert.equal(preset.layouts.length, 4);
    await setAll('cam-6');

    const from = display.frames.length;
    const auditBefore = stored.audit.list({ limit: 1 })[0]!.id;
    assert.deepEqual(await asha.ok('wall.recallPreset', { wallId: 'ops', name: 'Patrol' }), { missingCameras: [] });
    const pushed = await events(display, from, 'wall.layout', 4, (l) => l.wallId === 'ops');
    assert.deepEqual(
      pushed.map((l) => `${l.displayId}:${l.tiles.join(',')}`).sort(),
      ['1:cam-1', '2:cam-2', '3:cam-3', '4:cam-4,,,cam-1'],
    );
    assert.deepEqual((await display.ok('wall.get', { wallId: 'ops', displayId: '4' })).tiles, ['cam-4', null, null, 'cam-1']);
    const audit = stored.audit.list({ limit: 10 }).filter((e) => e.id > auditBefore);
    assert.deepEqual(audit.map((e) => `${e.action} ${e.actor} ${e.target}`), ['wall.recallPreset operator:asha wall:ops']);

    assert.deepEqual((await display.ok('wall.listPresets', { wallId: 'ops' })).presets.map((p: any) => p.name), ['Patrol']);
    assert.equal((await display.request('wall.recallPreset', { wallId: 'ops', name: 'Patrol' })).error?.code, 'Forbidden', 'a display may not recall');
    assert.equal((await asha.request('wall.recallPreset', { wallId: 'ops', name: 'Nope' })).error?.code, 'NotFound');
    await asha.ok('wall.savePreset', { wallId: 'ops', name: 'Scratch' });
    await asha.ok('wall.deletePreset', { wallId: 'ops', name: 'Scratch' });
    assert.equal((await asha.request('wall.deletePreset', { wallId: 'ops', name: 'Scratch' })).error?.code, 'NotFound');
  });

  it('a camera spanning two displays gives each its half; a grid sent to one of them takes the span off', async () => {
    const from = display.frames.length;
    await asha.ok('wall.setSpans', { wallId: 'ops', spans: [{ cameraId: 'cam-5', col: 0, row: 0, cols: 2, rows: 1 }] });
    assert.deepEqual((await events(display, from, 'wall.spans', 1))[0].spans.length, 1);
    const left = await display.ok('wall.view', { wallId: 'ops', displayId: '1' });
    const right = await display.ok('wall.view', { wallId: 'ops', displayId: '2' });
    assert.deepEqual([left.kind, left.cameraId, left.crop], ['span', 'cam-5', { x: 0, y: 0, w: 0.5, h: 1 }]);
    assert.deepEqual([right.kind, right.cameraId, right.crop], ['span', 'cam-5', { x: 0.5, y: 0, w: 0.5, h: 1 }]);
    assert.equal((await display.ok('wall.view', { wallId: 'ops', displayId: '3' })).kind, 'grid');
    assert.equal((await display.ok('walls.list', {})).walls[0].spans[0].cameraId, 'cam-5');

    const bad = await asha.request('wall.setSpans', { wallId: 'ops', spans: [{ cameraId: 'cam-5', col: 1, row: 0, cols: 2, rows: 1 }] });
    assert.equal(bad.error?.code, 'BadRequest');
    assert.match(bad.error!.message, /outside/);
    assert.equal((await asha.request('wall.setSpans', { wallId: 'ops', spans: [{ cameraId: 'nope', col: 0, row: 0, cols: 1, rows: 1 }] })).error?.code, 'NotFound');

    const mark = display.frames.length;
    await asha.ok('wall.set', layout('2', ['cam-2']));
    assert.deepEqual((await events(display, mark, 'wall.spans', 1))[0].spans, []);
    assert.equal((await display.ok('wall.view', { wallId: 'ops', displayId: '1' })).kind, 'grid');
  });

  it('while Asha holds the wall, Ravi is refused with Conflict naming her, until her lease lapses', async () => {
    const from = ravi.frames.length;
    const { control } = await asha.ok('wall.takeControl', { wallId: 'ops' });
    assert.equal(control.holder, 'asha');
    assert.equal((await events(ravi, from, 'wall.control', 1))[0].holderName, 'Asha');
    for (const [method, params] of [
      ['wall.set', layout('1', ['cam-3'])],
      ['wall.recallPreset', { wallId: 'ops', name: 'Patrol' }],
      ['wall.setSpans', { wallId: 'ops', spans: [] }],
      ['wall.startTour', { wallId: 'ops', presetNames: ['Patrol'], dwellS: 3 }],
      ['wall.takeControl', { wallId: 'ops' }],
    ] as const) {
      const refused = await ravi.request(method, params);
      assert.equal(refused.error?.code, 'Conflict', method);
      assert.match(refused.error!.message, /Asha \(asha\)/, method);
    }
    assert.equal((await display.request('wall.set', layout('1', ['cam-3']))).error?.code, 'Forbidden', 'a person at a wall PC changes no wall');
    await ravi.ok('wall.set', { wallId: 'other', displayId: '1', grid: 1, tiles: ['cam-3'] });
    await asha.ok('wall.set', layout('1', ['cam-4']));
    engine.internalsForTests.walls.set(layout('1', ['cam-1'])); // the incident layout is never refused
    assert.equal((await ravi.ok('walls.list', {})).walls[0].control.holder, 'asha');

    const lapsed = await events(ravi, from, 'wall.control', 1, (c) => c.holder === null, LEASE_MS + 2000);
    assert.equal(lapsed[0].expiresAt, null);
    await ravi.ok('wall.set', layout('1', ['cam-3']));
    await ravi.ok('wall.takeControl', { wallId: 'ops' });
    assert.equal((await ravi.ok('wall.releaseControl', { wallId: 'ops' })).control.holder, null);
    const audit = stored.audit.list({ limit: 20, target: 'wall:ops' }).map((e) => `${e.action} ${e.actor}`);
    assert.ok(audit.includes('wall.takeControl operator:asha'));
    assert.ok(audit.includes('wall.releaseControl operator:ravi'));
  });

  it('a tour dwelling 2 s is refused; one dwelling 3 s recalls its presets in turn until stopped', async () => {
    assert.equal((await asha.request('wall.startTour', { wallId: 'ops', presetNames: ['Patrol'], dwellS: 2 })).error?.code, 'BadRequest');
    assert.equal((await asha.request('wall.startTour', { wallId: 'ops', presetNames: ['Patrol'], cameraIds: ['cam-1'], dwellS: 3 })).error?.code, 'BadRequest');
    await setAll('cam-6');
    await asha.ok('wall.savePreset', { wallId: 'ops', name: 'Quiet' });

    const from = display.frames.length;
    const { tour } = await asha.ok('wall.startTour', { wallId: 'ops', presetNames: ['Patrol', 'Quiet'], dwellS: 3 });
    assert.deepEqual([tour.step, tour.dwellS, tour.startedBy], [0, 3, 'operator:asha']);
    const patrol = await events(display, from, 'wall.layout', 4, (l) => l.wallId === 'ops');
    assert.ok(patrol.some((l) => l.displayId === '1' && l.tiles[0] === 'cam-1'), 'first step: Patrol');
    const stepped = await events(display, from, 'wall.tour', 1, (t) => t.tour?.step === 1, 4500);
    assert.equal(stepped[0].wallId, 'ops');
    const quiet = await events(display, from, 'wall.layout', 8, (l) => l.wallId === 'ops');
    assert.ok(quiet.slice(4).every((l) => l.tiles[0] === 'cam-6'), 'second step: Quiet');
    assert.equal((await display.ok('walls.list', {})).walls[0].tour.presetNames.length, 2);

    await asha.ok('wall.stopTour', { wallId: 'ops' });
    const ended = await events(display, from, 'wall.tour', 1, (t) => t.tour === null);
    assert.match(ended[0].reason, /operator:asha/);
    const audit = stored.audit.list({ limit: 20, target: 'wall:ops' }).map((e) => `${e.action} ${e.actor}`);
    assert.ok(audit.includes('wall.startTour operator:asha'));
    assert.ok(audit.includes('wall.stopTour operator:asha'));
  });
});
