// Whole walls: their definition (installers), cameras spanning displays, presets, tours and the
// control lease. Per-display grids stay with WallService; this composes it. Every change made for
// a person is checked against the wall's lease and audited under that person; the incident layout
// (engine-internal) goes through set() and is never refused.
import type {
  DisplayView,
  WallControl,
  WallDefinition,
  WallPreset,
  WallSpan,
  WallSpans,
  WallSummary,
  WallTour,
} from '../../../../common/domain/video-wall.js';
import type { WallDisplayRef, WallLayout } from '../../../../common/domain/wall.js';
import { cellOf, resolveDisplay, spanCovers, spanProblems } from '../../../../common/domain/wall-spans.js';
import { JharokhaError } from '../../../../common/errors.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { AuditLog } from '../store/audit-log.js';
import type { CameraRepo } from '../store/camera-repo.js';
import type { VideoWallRepo } from '../store/video-wall-repo.js';
import type { WallService } from '../wall-service.js';
import { systemClock, type Clock } from './clock.js';
import { WallLeases, type Person } from './wall-leases.js';
import { WallTours, type TourPlan } from './wall-tours.js';

/** Who asks: the audit label, and the logged-in user if any (a bare display has none). */
export interface WallActor {
  label: string;
  user: Person | undefined;
}

export type TourEvent = { wallId: string; tour: WallTour | null; reason?: string };

export type VideoWallsEvents = {
  defined: [wall: WallDefinition];
  spans: [spans: WallSpans];
  control: [control: WallControl];
  tour: [event: TourEvent];
};

export interface VideoWallsDeps {
  repo: VideoWallRepo;
  layouts: WallService;
  cameras: CameraRepo;
  audit: AuditLog;
  clock?: Clock;
  leaseMs?: number;
}

export type TourRequest = Omit<TourPlan, 'startedBy' | 'username'>;

export class VideoWalls extends TypedEmitter<VideoWallsEvents> {
  private readonly repo: VideoWallRepo;
  private readonly layouts: WallService;
  private readonly cameras: CameraRepo;
  private readonly audit: AuditLog;
  private readonly leases: WallLeases;
  private readonly tours: WallTours;
  /** Set while a person stops a tour (audited as wall.stopTour, not as the engine ending it). */
  private stopping = false;

  constructor(deps: VideoWallsDeps) {
    super();
    this.repo = deps.repo;
    this.layouts = deps.layouts;
    this.cameras = deps.cameras;
    this.audit = deps.audit;
    const clock = deps.clock ?? systemClock;
    this.leases = new WallLeases(clock, deps.leaseMs);
    this.tours = new WallTours(clock, (plan, step) => this.tourStep(plan, step));
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
    return span ?? { kind: 'grid', ...ref, layout: this.layouts.get(ref) };
  }

  // ── Displays and spans

  get(ref: WallDisplayRef): WallLayout {
    return this.layouts.get(ref);
  }

  /** Engine-internal (the incident layout): never refused by a lease; takes off any span over the display. */
  set(layout: WallLayout): void {
    const wall = this.repo.getWall(layout.wallId);
    const cell = wall && cellOf(wall, layout.displayId);
    const spans = this.repo.getSpans(layout.wallId);
    const kept = cell ? spans.filter((span) => !spanCovers(span, cell)) : spans;
    if (kept.length === spans.length) return this.layouts.set(layout);
    this.layouts.setMany([layout], () => this.repo.setSpans(layout.wallId, kept));
    this.safeEmit('spans', { wallId: layout.wallId, spans: kept });
  }

  /** wall.set: as set(), unless someone else holds the wall's lease. */
  setFor(layout: WallLayout, actor: WallActor): void {
    this.leases.assertMayChange(layout.wallId, actor.user?.username);
    this.set(layout);
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
      layouts: wall.displays.map((displayId) => this.layouts.get({ wallId, displayId })),
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
    this.layouts.setMany(layouts, () => {
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
    if (plan.cameraIds) {
      plan.displayId ??= wall.displays[0];
      if (!wall.displays.includes(plan.displayId!)) throw new JharokhaError('NotFound', `wall ${wall.id} has no display ${plan.displayId}`);
      const unknown = plan.cameraIds.filter((id) => !this.cameras.get(id));
      if (unknown.length) throw new JharokhaError('NotFound', `unknown cameras: ${unknown.join(', ')}`);
    } else {
      delete plan.displayId;
      const unknown = (plan.presetNames ?? []).filter((name) => !this.repo.getPreset(wall.id, name));
      if (unknown.length) throw new JharokhaError('NotFound', `no presets ${unknown.map((n) => `"${n}"`).join(', ')} on wall ${wall.id}`);
    }
    const tour = this.tours.start(plan);
    this.audit.append({
      actor: actor.label,
      action: 'wall.startTour',
      target: `wall:${wall.id}`,
      detail: { dwellS: plan.dwellS, ...(plan.presetNames ? { presetNames: plan.presetNames } : { cameraIds: plan.cameraIds, displayId: plan.displayId }) },
    });
    return tour;
  }

  stopTour(wallId: string, actor: WallActor): void {
    this.leases.assertMayChange(wallId, actor.user?.username);
    if (this.tours.current(wallId)) this.audit.append({ actor: actor.label, action: 'wall.stopTour', target: `wall:${wallId}` });
    this.stopping = true;
    try {
      this.tours.stop(wallId, `stopped by ${actor.label}`);
    } finally {
      this.stopping = false;
    }
  }

  tour(wallId: string): WallTour | null {
    return this.tours.current(wallId);
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
    const control = this.leases.take(wallId, user);
    if (!renewal) this.audit.append({ actor: actor.label, action: 'wall.takeControl', target: `wall:${wallId}` });
    return control;
  }

  releaseControl(wallId: string, actor: WallActor): WallControl {
    const user = this.requireUser(actor);
    const held = this.leases.current(wallId).holder === user.username;
    const control = this.leases.release(wallId, user.username);
    if (held) this.audit.append({ actor: actor.label, action: 'wall.releaseControl', target: `wall:${wallId}` });
    return control;
  }

  /** Engine shutdown: tours and lease timers stop; nothing of either is kept. */
  close(): void {
    this.tours.close();
    this.leases.close();
  }

  private requireUser(actor: WallActor): Person {
    if (!actor.user) throw new JharokhaError('Forbidden', 'log in first (session.login)');
    return actor.user;
  }
}
