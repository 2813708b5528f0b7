// Wall control leases and running tours outlive an engine restart: each test writes through
// WallService onto a real SQLite file, closes everything, opens the file again as a restarted engine
// would (WallService.restore()) with an injected clock standing in for the time the engine was down.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { WallControl, WallLayout } from '../../../common/domain/wall.js';
import type { AuditLog } from '../../../main/engine/node/store/audit-log.js';
import { CameraRepo } from '../../../main/engine/node/store/camera-repo.js';
import { openDatabase, type Db } from '../../../main/engine/node/store/database.js';
import { EngineStores } from '../../../main/engine/node/store/engine-stores.js';
import type { VideoWallRepo } from '../../../main/engine/node/store/video-wall-repo.js';
import { FakeClock } from './fake-clock.js';
import { WallService, type TourEvent, type WallActor } from '../../../main/engine/node/walls/wall-service.js';

const LEASE_MS = 60_000;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

const person = (username: string): WallActor => ({
  label: `operator:${username}`,
  user: { username, displayName: `${username[0]!.toUpperCase()}${username.slice(1)}` },
});
const asha = person('asha');
const ravi = person('ravi');
const installer: WallActor = { label: 'installer:neha', user: { username: 'neha', displayName: 'Neha' } };

const camera = (id: string) => ({ id, name: id, category: 'bank' as const, lat: 26.47, lon: 80.35, mainUrl: `rtsp://127.0.0.1:1/${id}/main` });
const layout = (wallId: string, displayId: string, cameraId: string): WallLayout => ({ wallId, displayId, grid: 1, tiles: [cameraId] });

/** One run of the engine's wall parts on `file`; `open` again on the same file is the restart. */
class Run {
  readonly controls: WallControl[] = [];
  readonly tours: TourEvent[] = [];
  readonly audit: AuditLog;
  readonly repo: VideoWallRepo;
  readonly cameras: CameraRepo;
  readonly walls: WallService;

  private constructor(
    readonly db: Db,
    readonly clock: FakeClock,
  ) {
    const stores = new EngineStores(db, new CameraRepo(db));
    ({ cameras: this.cameras, videoWalls: this.repo, audit: this.audit } = stores);
    this.walls = new WallService({ repo: this.repo, grids: stores.layouts, cameras: this.cameras, audit: this.audit, clock, leaseMs: LEASE_MS });
    this.walls.on('control', (control) => this.controls.push(control));
    this.walls.on('tour', (event) => this.tours.push(event));
  }

  /** Opens the file without restoring (for changes made while "the engine was down"). */
  static bare(file: string, at: number): Run {
    return new Run(openDatabase(file), new FakeClock(at));
  }

  static open(file: string, at: number): { run: Run; restored: ReturnType<WallService['restore']> } {
    const run = Run.bare(file, at);
    return { run, restored: run.walls.restore() };
  }

  shows(wallId: string, displayId: string): string | null {
    return this.walls.get({ wallId, displayId }).tiles[0] ?? null;
  }

  count(table: 'wall_leases' | 'wall_tours'): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }

  close(): void {
    this.walls.close();
    assert.equal(this.clock.pending, 0, 'no timer left behind');
    this.db.close();
  }
}

const dirs: string[] = [];
function freshSite(): { file: string; run: Run } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-wall-persist-'));
  dirs.push(dir);
  const file = path.join(dir, 'engine.sqlite');
  const run = Run.bare(file, T0);
  run.cameras.upsertMany(['cam-a', 'cam-b', 'cam-c', 'cam-d'].map(camera));
  for (const id of ['ops', 'lobby', 'hall']) {
    run.walls.saveWall({ id, name: id, columns: 1, rows: 1, displays: ['1'], display: { widthMm: 1210, heightMm: 680, bezelMm: 0 } }, installer);
  }
  // Presets A, B, C on ops: each shows its own camera on display 1.
  for (const [name, cameraId] of [['A', 'cam-a'], ['B', 'cam-b'], ['C', 'cam-c']] as const) {
    run.walls.set(layout('ops', '1', cameraId));
    run.walls.savePreset('ops', name, asha);
  }
  run.walls.set(layout('ops', '1', 'cam-d'));
  return { file, run };
}

after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('wall leases across an engine restart', () => {
  it('a lease survives reopening the store, still refuses another operator, then lapses at its stored expiry', () => {
    const { file, run: first } = freshSite();
    const taken = first.walls.takeControl('ops', asha);
    assert.equal(taken.expiresAt, T0 + LEASE_MS);
    first.close();

    const { run, restored } = Run.open(file, T0 + 20_000);
    assert.deepEqual([restored.leases, restored.leasesDropped], [1, 0]);
    assert.deepEqual(run.walls.control('ops'), { wallId: 'ops', holder: 'asha', holderName: 'Asha', expiresAt: T0 + LEASE_MS });
    assert.throws(() => run.walls.takeControl('ops', ravi), (e: { code: string; message: string }) => e.code === 'Conflict' && /Asha \(asha\)/.test(e.message));
    assert.throws(() => run.walls.setFor(layout('ops', '1', 'cam-a'), ravi), { code: 'Conflict' });
    assert.throws(() => run.walls.releaseControl('ops', ravi), { code: 'Conflict' });
    run.walls.setFor(layout('ops', '1', 'cam-a'), asha);
    assert.equal(run.walls.list().find((w) => w.wall.id === 'ops')?.control.holder, 'asha');

    run.clock.advance(LEASE_MS - 20_000 - 1);
    assert.equal(run.walls.control('ops').holder, 'asha', 'not before its expiry');
    assert.equal(run.controls.length, 0);
    run.clock.advance(1);
    assert.deepEqual(run.controls, [{ wallId: 'ops', holder: null, expiresAt: null }], 'wall.control says it lapsed');
    assert.equal(run.count('wall_leases'), 0, 'the lapsed lease is deleted');
    run.walls.takeControl('ops', ravi);
    assert.equal(run.repo.listLeases()[0]?.username, 'ravi');
    run.close();
  });

  it('a renewal updates the stored expiry and keeps when the wall was taken', () => {
    const { file, run: first } = freshSite();
    first.walls.takeControl('ops', asha);
    first.clock.advance(30_000);
    first.walls.takeControl('ops', asha);
    assert.deepEqual(first.repo.listLeases(), [{ wallId: 'ops', username: 'asha', displayName: 'Asha', takenAt: T0, expiresAt: T0 + 30_000 + LEASE_MS }]);
    assert.deepEqual(
      first.audit.list({ limit: 10, target: 'wall:ops' }).filter((e) => e.action === 'wall.takeControl').map((e) => e.actor),
      ['operator:asha'],
      'only the first take is audited',
    );
    first.close();

    const { run } = Run.open(file, T0 + LEASE_MS + 1_000);
    assert.equal(run.walls.control('ops').expiresAt, T0 + 30_000 + LEASE_MS, 'still held past the first expiry');
    run.close();
  });

  it('a lease that expired while the engine was down is gone after the restart', () => {
    const { file, run: first } = freshSite();
    first.walls.takeControl('ops', asha);
    first.close();

    const { run, restored } = Run.open(file, T0 + LEASE_MS);
    assert.deepEqual([restored.leases, restored.leasesDropped], [0, 1]);
    assert.deepEqual(run.walls.control('ops'), { wallId: 'ops', holder: null, expiresAt: null });
    assert.equal(run.count('wall_leases'), 0);
    assert.equal(run.clock.pending, 0);
    run.walls.setFor(layout('ops', '1', 'cam-b'), ravi);
    run.close();
  });
});

describe('wall tours across an engine restart', () => {
  it('a tour resumes at the step it was on, shows it again, and keeps stepping', () => {
    const { file, run: first } = freshSite();
    const started = first.walls.startTour({ wallId: 'ops', presetNames: ['A', 'B', 'C'], dwellS: 3 }, asha);
    assert.equal(started.step, 0);
    first.clock.advance(3000);
    assert.equal(first.walls.tour('ops')?.step, 1);
    assert.equal(first.shows('ops', '1'), 'cam-b');
    first.close();

    // While the engine is down the display's stored layout changes (a crash between a step's
    // layouts and its row leaves exactly this kind of gap): resuming puts the step back.
    const between = Run.bare(file, T0 + 5_000);
    between.walls.set(layout('ops', '1', 'cam-d'));
    between.close();

    const restartAt = T0 + 60_000;
    const { run, restored } = Run.open(file, restartAt);
    assert.deepEqual([restored.tours, restored.toursEnded], [1, 0]);
    const resumed = run.walls.tour('ops');
    assert.deepEqual(
      resumed && [resumed.step, resumed.nextAt, resumed.startedBy, resumed.presetNames],
      [1, restartAt + 3000, 'operator:asha', ['A', 'B', 'C']],
      'same step, a full dwell from the restart',
    );
    assert.equal(run.shows('ops', '1'), 'cam-b', 'the step is shown again');
    const row = run.repo.listTours()[0];
    assert.ok(row && 'tour' in row);
    assert.deepEqual([row.tour.startedAt, row.tour.step, row.tour.stepAt], [T0, 1, restartAt]);

    run.clock.advance(2999);
    assert.equal(run.shows('ops', '1'), 'cam-b');
    run.clock.advance(1);
    assert.equal(run.shows('ops', '1'), 'cam-c');
    run.clock.advance(3000);
    assert.equal(run.shows('ops', '1'), 'cam-a', 'and round again');
    assert.deepEqual(run.tours.map((e) => e.tour?.step), [1, 2, 0], 'the resumed step, then each step, is announced as wall.tour');
    const stored = run.repo.listTours()[0];
    assert.ok(stored && 'tour' in stored);
    assert.equal(stored.tour.step, 0, 'the row follows the steps');
    run.close();
  });

  it('a camera tour resumes on its display with the lease holder still holding the wall', () => {
    const { file, run: first } = freshSite();
    first.walls.takeControl('lobby', asha);
    first.walls.startTour({ wallId: 'lobby', cameraIds: ['cam-a', 'cam-b'], dwellS: 10 }, asha);
    first.close();

    const { run } = Run.open(file, T0 + 4_000);
    assert.equal(run.walls.tour('lobby')?.displayId, '1');
    assert.equal(run.shows('lobby', '1'), 'cam-a');
    run.clock.advance(10_000);
    assert.equal(run.shows('lobby', '1'), 'cam-b');
    assert.equal(run.walls.control('lobby').holder, 'asha');
    run.close();
  });

  it('a tour whose preset or camera was deleted, or whose wall someone else now holds, ends at restart with an audited reason', () => {
    const { file, run: first } = freshSite();
    first.walls.startTour({ wallId: 'ops', presetNames: ['A', 'B'], dwellS: 3 }, asha);
    first.walls.startTour({ wallId: 'lobby', cameraIds: ['cam-a', 'cam-c'], dwellS: 3 }, asha);
    first.walls.startTour({ wallId: 'hall', cameraIds: ['cam-a', 'cam-b'], dwellS: 3 }, asha);
    first.walls.takeControl('hall', ravi);
    first.close();

    const down = Run.bare(file, T0 + 1_000);
    down.walls.deletePreset('ops', 'B', installer);
    down.cameras.deleteExcept(new Set(['cam-a', 'cam-b', 'cam-d']));
    down.close();

    const { run, restored } = Run.open(file, T0 + 2_000);
    assert.deepEqual([restored.tours, restored.toursEnded, restored.leases], [0, 3, 1]);
    for (const wallId of ['ops', 'lobby', 'hall']) assert.equal(run.walls.tour(wallId), null, wallId);
    assert.equal(run.count('wall_tours'), 0, 'their rows are gone');
    assert.equal(run.clock.pending, 1, 'only the lease timer of hall');
    const reasons = new Map(run.tours.map((e) => [e.wallId, e.reason ?? '']));
    assert.match(reasons.get('ops')!, /^not resumed after the engine restarted: no presets "B" on wall ops/);
    assert.match(reasons.get('lobby')!, /unknown cameras: cam-c/);
    assert.match(reasons.get('hall')!, /under the control of Ravi \(ravi\)/);
    const ended = run.audit.list({ limit: 50 }).filter((e) => e.action === 'wall.tourEnded');
    assert.deepEqual(ended.map((e) => `${e.actor} ${e.target}`).sort(), ['engine wall:hall', 'engine wall:lobby', 'engine wall:ops']);
    assert.ok(ended.every((e) => /not resumed after the engine restarted/.test(String(e.detail?.reason))));
    assert.equal(run.shows('ops', '1'), 'cam-a', 'the wall keeps what it showed');
    run.close();
  });

  it('a tour row that cannot be read ends with a reason instead of stopping the engine', () => {
    const { file, run: first } = freshSite();
    first.walls.startTour({ wallId: 'ops', presetNames: ['A', 'B'], dwellS: 3 }, asha);
    first.walls.startTour({ wallId: 'lobby', cameraIds: ['cam-a', 'cam-b'], dwellS: 3 }, asha);
    first.db.prepare(`UPDATE wall_tours SET preset_names = '{"not": "a list"}' WHERE wall_id = 'ops'`).run();
    first.close();

    const { run, restored } = Run.open(file, T0 + 1_000);
    assert.deepEqual([restored.tours, restored.toursEnded], [1, 1]);
    assert.equal(run.walls.tour('ops'), null);
    assert.equal(run.walls.tour('lobby')?.step, 0, 'the other wall carries on');
    assert.match(run.tours.find((e) => e.wallId === 'ops')?.reason ?? '', /unreadable/);
    assert.ok(run.audit.list({ limit: 5, target: 'wall:ops' }).some((e) => e.action === 'wall.tourEnded' && e.actor === 'engine'));
    run.close();
  });
});

describe('nothing is kept once stopped or released', () => {
  it('stopTour and releaseControl delete their rows, and a restart brings back neither', () => {
    const { file, run: first } = freshSite();
    first.walls.takeControl('ops', asha);
    first.walls.startTour({ wallId: 'ops', presetNames: ['A', 'B'], dwellS: 3 }, asha);
    first.walls.startTour({ wallId: 'lobby', cameraIds: ['cam-a', 'cam-b'], dwellS: 3 }, asha);
    assert.deepEqual([first.count('wall_leases'), first.count('wall_tours')], [1, 2]);
    first.walls.stopTour('ops', asha);
    first.walls.releaseControl('ops', asha);
    // A tour that ends by itself (its preset deleted) goes too.
    first.walls.savePreset('lobby', 'Only', asha);
    first.walls.stopTour('lobby', asha);
    first.walls.startTour({ wallId: 'lobby', presetNames: ['Only', 'Only'], dwellS: 3 }, asha);
    first.walls.deletePreset('lobby', 'Only', asha);
    first.clock.advance(3000);
    assert.equal(first.walls.tour('lobby'), null);
    assert.deepEqual([first.count('wall_leases'), first.count('wall_tours')], [0, 0]);
    const actions = first.audit.list({ limit: 50 }).map((e) => `${e.action} ${e.actor} ${e.target}`);
    for (const expected of ['wall.stopTour operator:asha wall:ops', 'wall.releaseControl operator:asha wall:ops', 'wall.tourEnded engine wall:lobby']) {
      assert.ok(actions.includes(expected), expected);
    }
    first.close();

    const { run, restored } = Run.open(file, T0 + 10_000);
    assert.deepEqual(restored, { leases: 0, leasesDropped: 0, tours: 0, toursEnded: 0 });
    assert.deepEqual(run.walls.list().map((w) => [w.wall.id, w.control.holder, w.tour]), [['hall', null, null], ['lobby', null, null], ['ops', null, null]]);
    assert.equal(run.clock.pending, 0);
    run.close();
  });
});
