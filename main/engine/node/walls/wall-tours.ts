// Tours: a wall cycles through presets (or one display through cameras), one step per dwell. One
// tour per wall; starting another replaces it. Tours run on the engine's timers; each one is kept
// in the store with the step it is on, so after an engine restart resume() carries it on.
import { MIN_TOUR_DWELL_S, type WallTour } from '../../../../common/domain/wall.js';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { Clock, TimerHandle } from './clock.js';

const log = createLogger('wall-tours');

export interface TourPlan {
  wallId: string;
  presetNames?: string[];
  cameraIds?: string[];
  displayId?: string;
  dwellS: number;
  /** Audit label of who started it. */
  startedBy: string;
  /** The user it runs as (each step is checked against the wall's lease for this user). */
  username: string;
}

/** What is kept of a running tour (wall-clock ms). */
export interface TourRecord {
  plan: TourPlan;
  startedAt: number;
  /** Index of the step shown now, and since when. */
  step: number;
  stepAt: number;
}

/** Where tours are kept; `alongside` runs in the same transaction (the audit entry of the change). */
export interface TourStore {
  save(tour: TourRecord, alongside?: () => void): void;
  remove(wallId: string, alongside?: () => void): void;
}

/** Keeps nothing (tests of the tour rules alone). */
export const memoryOnlyTours: TourStore = {
  save: (_tour, alongside) => alongside?.(),
  remove: (_wallId, alongside) => alongside?.(),
};

/** Shows one step; throwing ends the tour (the step's preset was deleted, someone took control…). */
export type ApplyStep = (plan: TourPlan, step: number) => void;

export type WallToursEvents = { changed: [wallId: string, tour: WallTour | null, reason: string | undefined] };

interface Running extends TourRecord {
  nextAt: number;
  timer: TimerHandle;
}

const stepCount = (plan: TourPlan): number => plan.presetNames?.length ?? plan.cameraIds?.length ?? 0;

function assertPlan(plan: TourPlan): void {
  if (!(plan.dwellS >= MIN_TOUR_DWELL_S)) throw new JharokhaError('BadRequest', `a tour dwells at least ${MIN_TOUR_DWELL_S} s per step`);
  if ((plan.presetNames === undefined) === (plan.cameraIds === undefined) || stepCount(plan) === 0) {
    throw new JharokhaError('BadRequest', 'a tour has either presetNames or cameraIds, not both');
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : 'a step failed');

export class WallTours extends TypedEmitter<WallToursEvents> {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly clock: Clock,
    private readonly apply: ApplyStep,
    private readonly store: TourStore = memoryOnlyTours,
  ) {
    super();
  }

  /**
   * Shows the first step now (a failing first step starts nothing) and the next ones every dwell.
   * The tour is stored (with `alongside`, its audit entry) before it is announced.
   */
  start(plan: TourPlan, alongside?: () => void): WallTour {
    assertPlan(plan);
    this.apply(plan, 0);
    const now = this.clock.now();
    const record: TourRecord = { plan, startedAt: now, step: 0, stepAt: now };
    this.store.save(record, alongside);
    this.clear(plan.wallId);
    this.schedule(record);
    return this.announce(plan.wallId, undefined)!;
  }

  /**
   * Engine start: carries on a stored tour at the step it was on, shown again now and given a full
   * dwell from here (see CLOSURES.md for why not the next step). `check` looks at the whole plan
   * first (presets and cameras still there); when it or the step throws, the tour ends with the
   * reason, like a step that fails while running: the row is deleted and `changed` says why.
   */
  resume(record: TourRecord, check: (plan: TourPlan) => void = () => {}): WallTour | null {
    const { plan } = record;
    try {
      assertPlan(plan);
      check(plan);
      const step = Number.isInteger(record.step) && record.step >= 0 ? record.step % stepCount(plan) : 0;
      this.apply(plan, step);
      const resumed: TourRecord = { ...record, step, stepAt: this.clock.now() };
      this.store.save(resumed);
      this.clear(plan.wallId);
      this.schedule(resumed);
    } catch (error) {
      const reason = `not resumed after the engine restarted: ${messageOf(error)}`;
      log.warn(`tour on wall ${plan.wallId} ${reason}`);
      this.store.remove(plan.wallId);
      this.clear(plan.wallId);
      this.announce(plan.wallId, reason);
      return null;
    }
    return this.announce(plan.wallId, undefined);
  }

  /** Stops the wall's tour (deleting it from the store, with `alongside`); false when none ran. */
  stop(wallId: string, reason: string, alongside?: () => void): boolean {
    if (!this.running.has(wallId)) return false;
    this.store.remove(wallId, alongside);
    this.clear(wallId);
    this.announce(wallId, reason);
    return true;
  }

  current(wallId: string): WallTour | null {
    const running = this.running.get(wallId);
    if (!running) return null;
    const { plan, step, nextAt } = running;
    return {
      wallId,
      ...(plan.presetNames ? { presetNames: plan.presetNames } : {}),
      ...(plan.cameraIds ? { cameraIds: plan.cameraIds } : {}),
      ...(plan.displayId ? { displayId: plan.displayId } : {}),
      dwellS: plan.dwellS,
      step,
      startedBy: plan.startedBy,
      nextAt,
    };
  }

  /** Engine shutdown: every timer cleared, no events; the stored tours stay for resume() on the next start. */
  close(): void {
    for (const wallId of [...this.running.keys()]) this.clear(wallId);
  }

  private schedule(record: TourRecord): void {
    const dwellMs = Math.round(record.plan.dwellS * 1000);
    const nextAt = this.clock.now() + dwellMs;
    const timer = this.clock.setTimeout(() => this.advance(record.plan), dwellMs);
    this.running.set(record.plan.wallId, { ...record, nextAt, timer });
  }

  private advance(plan: TourPlan): void {
    const running = this.running.get(plan.wallId);
    if (running?.plan !== plan) return;
    const step = (running.step + 1) % stepCount(plan);
    try {
      this.apply(plan, step);
    } catch (error) {
      log.warn(`tour on wall ${plan.wallId} stopped at step ${step + 1}`, error);
      this.end(plan.wallId, messageOf(error));
      return;
    }
    const record: TourRecord = { plan, startedAt: running.startedAt, step, stepAt: this.clock.now() };
    try {
      this.store.save(record);
    } catch (error) {
      // The wall shows the step either way; a restart would resume one step back, which is harmless.
      log.error(`could not store step ${step + 1} of the tour on wall ${plan.wallId}`, error);
    }
    this.schedule(record);
    this.announce(plan.wallId, undefined);
  }

  /** The engine ends a tour (a step failed): inside a timer, so a store error is logged, not thrown. */
  private end(wallId: string, reason: string): void {
    try {
      this.store.remove(wallId);
    } catch (error) {
      log.error(`could not delete the ended tour on wall ${wallId}`, error);
    }
    this.clear(wallId);
    this.announce(wallId, reason);
  }

  private clear(wallId: string): boolean {
    const running = this.running.get(wallId);
    if (!running) return false;
    this.clock.clearTimeout(running.timer);
    this.running.delete(wallId);
    return true;
  }

  private announce(wallId: string, reason: string | undefined): WallTour | null {
    const tour = this.current(wallId);
    this.safeEmit('changed', wallId, tour, reason);
    return tour;
  }
}
