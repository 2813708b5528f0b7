// Tours: a wall cycles through presets (or one display through cameras), one step per dwell. One
// tour per wall; starting another replaces it. Tours run on the engine's timers and are not saved:
// an engine restart ends every tour, and the walls keep the last step shown.
import { MIN_TOUR_DWELL_S, type WallTour } from '../../../../common/domain/video-wall.js';
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

/** Shows one step; throwing ends the tour (the step's preset was deleted, someone took control…). */
export type ApplyStep = (plan: TourPlan, step: number) => void;

export type WallToursEvents = { changed: [wallId: string, tour: WallTour | null, reason: string | undefined] };

interface Running {
  plan: TourPlan;
  step: number;
  nextAt: number;
  timer: TimerHandle;
}

const stepCount = (plan: TourPlan): number => plan.presetNames?.length ?? plan.cameraIds?.length ?? 0;

export class WallTours extends TypedEmitter<WallToursEvents> {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly clock: Clock,
    private readonly apply: ApplyStep,
  ) {
    super();
  }

  /** Shows the first step now (a failing first step starts nothing) and the next ones every dwell. */
  start(plan: TourPlan): WallTour {
    if (!(plan.dwellS >= MIN_TOUR_DWELL_S)) throw new JharokhaError('BadRequest', `a tour dwells at least ${MIN_TOUR_DWELL_S} s per step`);
    if ((plan.presetNames === undefined) === (plan.cameraIds === undefined) || stepCount(plan) === 0) {
      throw new JharokhaError('BadRequest', 'a tour has either presetNames or cameraIds, not both');
    }
    this.apply(plan, 0);
    this.clear(plan.wallId);
    this.schedule(plan, 0);
    return this.announce(plan.wallId, undefined)!;
  }

  /** Stops the wall's tour; false when none ran. */
  stop(wallId: string, reason: string): boolean {
    if (!this.clear(wallId)) return false;
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

  /** Engine shutdown: every timer cleared, no events. */
  close(): void {
    for (const wallId of [...this.running.keys()]) this.clear(wallId);
  }

  private schedule(plan: TourPlan, step: number): void {
    const dwellMs = Math.round(plan.dwellS * 1000);
    const nextAt = this.clock.now() + dwellMs;
    const timer = this.clock.setTimeout(() => this.advance(plan), dwellMs);
    this.running.set(plan.wallId, { plan, step, nextAt, timer });
  }

  private advance(plan: TourPlan): void {
    const running = this.running.get(plan.wallId);
    if (running?.plan !== plan) return;
    const step = (running.step + 1) % stepCount(plan);
    try {
      this.apply(plan, step);
    } catch (error) {
      log.warn(`tour on wall ${plan.wallId} stopped at step ${step + 1}`, error);
      this.stop(plan.wallId, error instanceof Error ? error.message : 'a step failed');
      return;
    }
    this.schedule(plan, step);
    this.announce(plan.wallId, undefined);
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
