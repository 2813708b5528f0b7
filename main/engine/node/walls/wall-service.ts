// The one wall service: walls as installers define them, each display's grid, cameras spanning
// displays, presets, tours and the control lease, with one event stream for all of it. Every
// change made for a person is checked against the wall's lease and audited under that person; the
// incident layout (engine-internal) goes through set() and is never refused. Leases and running
// tours are kept in the store and come back with restore() when the engine starts again.
import type { DisplayView, WallControl, WallDefinition, WallDisplayRef, WallLayout, WallPreset, WallSpan, WallSpans, WallSummary, WallTour } from '../../../../common/domain/wall.js';
import { cellOf, resolveDisplay, spanCovers, spanProblems } from '../../../../common/domain/wall-spans.js';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { AuditLog } from '../store/audit-log.js';
import type { CameraRepo } from '../store/camera-repo.js';
import type { VideoWallRepo } from '../store/video-wall-repo.js';
import type { WallRepo } from '../store/wall-repo.js';
import { systemClock, type Clock } from './clock.js';
import { DisplayGrids } from './display-grids.js';
import { WallLeases, type LeaseStore, type Person } from './wall-leases.js';
import { WallTours, type TourPlan, type TourStore } from './wall-tours.js';

const log = createLogger('walls');

/** Who asks: the audit label, and the logged-in user if any (a bare display has none). */
export interface WallActor {
  label: string;
  user: Person | undefined;
}

export type TourEvent = { wallId: string; tour: WallTour | null; reason?: string };

export type WallServiceEvents = {
  layout: [layout: WallLayout];
  defined: [wall: WallDefinition];
  spans: [spans: WallSpans];
  control: [control: WallControl];
  tour: [event: TourEvent];
};

export interface WallServiceDeps {
  repo: VideoWallRepo;
  /** Where each display's grid is kept (wall_layouts). */
  grids: WallRepo;
  cameras: CameraRepo;
  audit: AuditLog;
  clock?: Clock;
  leaseMs?: number;
}

export type TourRequest = Omit<TourPlan, 'startedBy' | 'username'>;

export class WallService extends TypedEmitter<WallServiceEvents> {
  private readonly repo: VideoWallRepo;
  private readonly grids: DisplayGrids;
  private readonly cameras: CameraRepo;
  private readonly audit: AuditLog;
  private readonly leases: WallLeases;
  private readonly tours: WallTours;
  /** Set while a person stops a tour (audited as wall.stopTour, not as the engine ending it). */
  private stopping = false;

  constructor(deps: WallServiceDeps) {
    super();
    this.repo = deps.repo;
    this.grids = new DisplayGrids(deps.grids, deps.cameras);
    this.cameras = deps.cameras;
    this.audit = deps.audit;
    const clock = deps.clock ?? systemClock;
    // Each write is one transaction with the audit entry of the change (synchronous=FULL, see database.ts).
    const write = (change: () => unknown, alongside?: () => void): void =>
      this.repo.transaction(() => {
        change();
        alongside?.();
      });
    const leaseStore: LeaseStore = {
      save: (lease, alongside) => write(() => this.repo.saveLease(lease), alongside),
      remove: (wallId, alongside) => write(() => this.repo.deleteLease(wallId), alongside),
    };
    const tourStore: TourStore = {
      save: (tour, alongside) => write(() => this.repo.saveTour(tour), alongside),
      remove: (wallId, alongside) => write(() => this.repo.deleteTour(wallId), alongside),
    };
    this.leases = new WallLeases(clock, deps.leaseMs, leaseStore);
    this.tours = new WallTours(clock, (plan, step) => this.tourStep(plan, step), tourStore);
    this.leases.on('changed', (control) => this.safeEmit('control', control));
    this.tours.on('changed', (wallId, tour, reason) => {
      if (!tour && reason && !this.stopping) this.audit.append({ actor: 'engine', action: 'wall.tourEnded', target: `wall:${wallId}`, detail: { reason } });
      this.safeEmit('tour', { wallId, tour, ...(reason ? { reason } : {}) });
    });
  }

  // ── Definitions

  list(): WallSummary[] {
    return this.repo.listWalls().map((wall) => ({
      wall,
      spans: this.repo.getSpans(wall.id),
      control: this.leases.current(wall.id),
      tour: this.tours.current(wall.id),
    }));
  }

  wall(wallId: string): WallDefinition {
    const wall = this.repo.getWall(wallId);
    if (!wall) throw new JharokhaError('NotFound', `no wall ${wallId} (an installer defines walls)`);
    return wall;
  }

  /** Defines or redefines a wall; spans that no longer fit its grid are taken off. */
  saveWall(wall: WallDefinition, actor: WallActor): WallDefinition {
    const spans = this.repo.getSpans(wall.id);
    const fitting = spans.filter((span) => spanProblems(wall, [span]).length === 0);
    this.repo.transaction(() => {
      this.repo.saveWall(wall);
      if (fitting.length !== spans.length) this.repo.setSpans(wall.id, fitting);
      this.audit.append({ actor: actor.label, action: 'setup.saveWall', target: `wall:${wall.id}`, detail: { columns: wall.columns, rows: wall.rows } });
    });
    this.safeEmit('defined', wall);
    if (fitting.length !== spans.length) this.safeEmit('spans', { wallId: wall.id, spans: fitting });
    return wall;
  }

  /** What one display shows: its part of a span, else its own grid (any display of any wall has one). */
  view(ref: WallDisplayRef): DisplayView {
    const wall = this.repo.getWall(ref.wallId);
    const span = wall && resolveDisplay(wall, this.repo.getSpans(wall.id), ref.displayId);
    return span ?? { kind: 'grid', ...ref, layout: this.grids.get(ref) };
  }

  // ── Displays and spans

  get(ref: WallDisplayRef): WallLayout {
    return this.grids.get(ref);
  }

  /** Engine-internal (the incident layout): never refused by a lease; takes off any span over the display. */
  set(layout: WallLayout): void {
    const wall = this.repo.getWall(layout.wallId);
    const cell = wall && cellOf(wall, layout.displayId);
    const spans = this.repo.getSpans(layout.wallId);
    const kept = cell ? spans.filter((span) => !spanCovers(span, cell)) : spans;
    if (kept.length === spans.length) return this.writeGrids([layout]);
    this.writeGrids([layout], () => this.repo.setSpans(layout.wallId, kept));
    this.safeEmit('spans', { wallId: layout.wallId, spans: kept });
  }

  /** wall.set: as set(), unless someone else holds the wall's lease. */
  setFor(layout: WallLayout, actor: WallActor): void {
    this.leases.assertMayChange(layout.wallId, actor.user?.username);
    this.set(layout);
  }

  /**
   * wall.setTile: one tile changed here rather than a whole layout sent by the console, so two
   * operators dropping cameras on different tiles of one display never undo each other. On a
   * display a span covers, the dropped camera replaces the span's (null takes the span off).
   */
  setTile(ref: WallDisplayRef, index: number, cameraId: string | null, actor: WallActor): void {
    this.leases.assertMayChange(ref.wallId, actor.user?.username);
    if (cameraId !== null && !this.cameras.get(cameraId)) throw new JharokhaError('NotFound', `unknown camera ${cameraId}`);
    const entry = { actor: actor.label, action: 'wall.setTile', target: `wall:${ref.wallId}/${ref.displayId}`, detail: { index, cameraId } };
    const wall = this.repo.getWall(ref.wallId);
    const cell = wall && cellOf(wall, ref.displayId);
    const spans = this.repo.getSpans(ref.wallId);
    const covering = cell ? spans.find((span) => spanCovers(span, cell)) : undefined;
    if (covering) {
      const next = cameraId === null ? spans.filter((s) => s !== covering) : spans.map((s) => (s === covering ? { ...s, cameraId } : s));
      this.repo.transaction(() => {
        this.repo.setSpans(ref.wallId, next);
        this.audit.append({ ...entry, detail: { ...entry.detail, span: true } });
      });
      this.safeEmit('spans', { wallId: ref.wallId, spans: next });
      return;
    }
    const layout = this.grids.get(ref);
    if (index >= layout.grid) throw new JharokhaError('BadRequest', `display ${ref.wallId}/${ref.displayId} has ${layout.grid} tiles, not ${index + 1}`);
    const tiles = layout.tiles.map((id, i) => (i === index ? cameraId : id));
    this.writeGrids([{ ...layout, tiles }], () => this.audit.append(entry));
  }

  setSpans(wallId: string, spans: WallSpan[], actor: WallActor): void {
    const wall = this.wall(wallId);
    this.leases.assertMayChange(wallId, actor.user?.username);
    const problems = spanProblems(wall, spans);
    if (problems.length) throw new JharokhaError('BadRequest', problems.join('; '));
    const unknown = spans.map((s) => s.cameraId).filter((id) => !this.cameras.get(id));
    if (unknown.length) throw new JharokhaError('NotFound', `unknown cameras: ${unknown.join(', ')}`);
    this.repo.transaction(() => {
      this.repo.setSpans(wallId, spans);
      this.audit.append({ actor: actor.label, action: 'wall.setSpans', target: `wall:${wallId}`, detail: { spans: spans.length } });
    });
    this.safeEmit('spans', { wallId, spans });
  }

  // ── Presets

  listPresets(wallId: string): WallPreset[] {
    return this.repo.listPresets(wallId);
  }

  /** The wall as it is now, every display and span, under `name` (replacing a preset of that name). */
  savePreset(wallId: string, name: string, actor: WallActor): WallPreset {
    const wall = this.wall(wallId);
    const preset: WallPreset = {
      wallId,
      name,
      layouts: wall.displays.map((displayId) => this.grids.get({ wallId, displayId })),
      spans: this.repo.getSpans(wallId),
      savedBy: actor.label,
      savedAt: Date.now(),
    };
    this.repo.transaction(() => {
      this.repo.savePreset(preset);
      this.audit.append({ actor: actor.label, action: 'wall.savePreset', target: `wall:${wallId}`, detail: { preset: name } });
    });
    return preset;
  }

  deletePreset(wallId: string, name: string, actor: WallActor): void {
    this.repo.transaction(() => {
      if (!this.repo.deletePreset(wallId, name)) throw new JharokhaError('NotFound', `no preset "${name}" on wall ${wallId}`);
      this.audit.append({ actor: actor.label, action: 'wall.deletePreset', target: `wall:${wallId}`, detail: { preset: name } });
    });
  }

  /** Every display of the preset at once (one transaction, one audit entry); cameras gone since are left blank. */
  recallPreset(wallId: string, name: string, actor: WallActor): { missingCameras: string[] } {
    this.leases.assertMayChange(wallId, actor.user?.username);
    return this.applyPreset(wallId, name, { actor: actor.label, action: 'wall.recallPreset', target: `wall:${wallId}`, detail: { preset: name } });
  }

  private applyPreset(wallId: string, name: string, entry?: Parameters<AuditLog['append']>[0]): { missingCameras: string[] } {
    const wall = this.wall(wallId);
    const preset = this.repo.getPreset(wallId, name);
    if (!preset) throw new JharokhaError('NotFound', `no preset "${name}" on wall ${wallId}`);
    const missing = new Set<string>();
    const known = (id: string): boolean => {
      if (this.cameras.get(id)) return true;
      missing.add(id);
      return false;
    };
    const layouts = preset.layouts
      .filter((layout) => wall.displays.includes(layout.displayId))
      .map((layout) => ({ ...layout, tiles: layout.tiles.map((id) => (id !== null && known(id) ? id : null)) }));
    const spans = preset.spans.filter((span) => known(span.cameraId));
    const problems = spanProblems(wall, spans);
    if (problems.length) throw new JharokhaError('InvalidState', `preset "${name}" no longer fits wall ${wallId}: ${problems.join('; ')}`);
    this.writeGrids(layouts, () => {
      this.repo.setSpans(wallId, spans);
      if (entry) this.audit.append(missing.size ? { ...entry, detail: { ...entry.detail, missingCameras: [...missing] } } : entry);
    });
    this.safeEmit('spans', { wallId, spans });
    return { missingCameras: [...missing] };
  }

  // ── Tours

  startTour(request: TourRequest, actor: WallActor): WallTour {
    const wall = this.wall(request.wallId);
    const user = this.requireUser(actor);
    this.leases.assertMayChange(wall.id, user.username);
    const plan: TourPlan = { ...request, startedBy: actor.label, username: user.username };
    if (plan.cameraIds) plan.displayId ??= wall.displays[0];
    else delete plan.displayId;
    this.checkPlan(plan);
    return this.tours.start(plan, () =>
      this.audit.append({
        actor: actor.label,
        action: 'wall.startTour',
        target: `wall:${wall.id}`,
        detail: { dwellS: plan.dwellS, ...(plan.presetNames ? { presetNames: plan.presetNames } : { cameraIds: plan.cameraIds, displayId: plan.displayId }) },
      }),
    );
  }

  stopTour(wallId: string, actor: WallActor): void {
    this.leases.assertMayChange(wallId, actor.user?.username);
    this.stopping = true;
    try {
      this.tours.stop(wallId, `stopped by ${actor.label}`, () => this.audit.append({ actor: actor.label, action: 'wall.stopTour', target: `wall:${wallId}` }));
    } finally {
      this.stopping = false;
    }
  }

  tour(wallId: string): WallTour | null {
    return this.tours.current(wallId);
  }

  /** Everything a tour names is still there: its wall, its display, each camera or preset. */
  private checkPlan(plan: TourPlan): void {
    const wall = this.wall(plan.wallId);
    if (plan.cameraIds) {
      if (!plan.displayId || !wall.displays.includes(plan.displayId)) throw new JharokhaError('NotFound', `wall ${wall.id} has no display ${plan.displayId}`);
      const unknown = plan.cameraIds.filter((id) => !this.cameras.get(id));
      if (unknown.length) throw new JharokhaError('NotFound', `unknown cameras: ${unknown.join(', ')}`);
    } else {
      const unknown = (plan.presetNames ?? []).filter((name) => !this.repo.getPreset(wall.id, name));
      if (unknown.length) throw new JharokhaError('NotFound', `no presets ${unknown.map((n) => `"${n}"`).join(', ')} on wall ${wall.id}`);
    }
  }

  /** A step runs as the person who started the tour: it ends once someone else takes control. */
  private tourStep(plan: TourPlan, step: number): void {
    this.leases.assertMayChange(plan.wallId, plan.username);
    if (plan.presetNames) {
      this.applyPreset(plan.wallId, plan.presetNames[step]!);
    } else {
      this.set({ wallId: plan.wallId, displayId: plan.displayId!, grid: 1, tiles: [plan.cameraIds![step]!] });
    }
  }

  // ── Control

  control(wallId: string): WallControl {
    return this.leases.current(wallId);
  }

  /** Takes or renews the lease (only a fresh take is audited, not each renewal). */
  takeControl(wallId: string, actor: WallActor): WallControl {
    this.wall(wallId);
    const user = this.requireUser(actor);
    const renewal = this.leases.current(wallId).holder === user.username;
    const audit = renewal ? undefined : () => this.audit.append({ actor: actor.label, action: 'wall.takeControl', target: `wall:${wallId}` });
    return this.leases.take(wallId, user, audit);
  }

  releaseControl(wallId: string, actor: WallActor): WallControl {
    const user = this.requireUser(actor);
    const held = this.leases.current(wallId).holder === user.username;
    const audit = held ? () => this.audit.append({ actor: actor.label, action: 'wall.releaseControl', target: `wall:${wallId}` }) : undefined;
    return this.leases.release(wallId, user.username, audit);
  }

  // ── Engine start and shutdown

  /**
   * Engine start, once: the leases kept by the last run (those still valid, with timers for the
   * rest of their time), then the running tours (a step is checked against the leases). A tour
   * resumes at the step it was on, shown again now with a full dwell; one that names a wall,
   * display, preset or camera that is gone, or that someone else now holds the wall against, ends
   * with an audited reason. A row that fails is logged and skipped: the engine still starts.
   */
  restore(): { leases: number; leasesDropped: number; tours: number; toursEnded: number } {
    const { restored, dropped } = this.leases.restore(this.repo.listLeases(), (wallId) => this.repo.getWall(wallId) !== undefined);
    let tours = 0;
    let toursEnded = 0;
    for (const row of this.repo.listTours()) {
      try {
        if ('unreadable' in row) {
          const reason = `not resumed after the engine restarted: its stored row is unreadable (${row.unreadable})`;
          this.repo.transaction(() => {
            this.repo.deleteTour(row.wallId);
            this.audit.append({ actor: 'engine', action: 'wall.tourEnded', target: `wall:${row.wallId}`, detail: { reason } });
          });
          this.safeEmit('tour', { wallId: row.wallId, tour: null, reason });
          toursEnded++;
        } else if (this.tours.resume(row.tour, (plan) => this.checkPlan(plan))) {
          tours++;
        } else {
          toursEnded++;
        }
      } catch (error) {
        log.error(`could not restore the tour on wall ${row.wallId}`, error);
      }
    }
    if (restored.length + dropped.length + tours + toursEnded > 0) {
      log.info(`restored ${restored.length} wall leases (${dropped.length} expired meanwhile) and ${tours} tours (${toursEnded} ended)`);
    }
    return { leases: restored.length, leasesDropped: dropped.length, tours, toursEnded };
  }

  /** Engine shutdown: tour and lease timers stop, no events; the stored leases and tours stay for restore(). */
  close(): void {
    this.tours.close();
    this.leases.close();
  }

  /** Grids written (with what goes alongside, in one transaction), then each announced. */
  private writeGrids(layouts: readonly WallLayout[], alongside?: () => void): void {
    this.grids.write(layouts, alongside);
    for (const layout of layouts) this.safeEmit('layout', layout);
  }

  private requireUser(actor: WallActor): Person {
    if (!actor.user) throw new JharokhaError('Forbidden', 'log in first (session.login)');
    return actor.user;
  }
}
