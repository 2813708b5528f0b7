// The emergency queue: a call-box press raises its box's one open alert (or joins it), and nobody
// may lose it. Each state change is one SQLite transaction (alert row, its history and the audit
// line together, on a synchronous=FULL database), and 'changed' is emitted only after that commit:
// a console is never told about a change a crash could take back.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  Alert,
  AlertKind,
  BoxId,
  compareAlerts,
  OperatorName,
  Outcome,
  Role,
  waitingStates,
  type AlertState,
} from '../../../../common/domain/alert.js';
import { acknowledgeRefusal, answerRefusal, callbackRefusal, closeRefusal, ownerRefusal } from '../../../../common/domain/alert-rules.js';
import { JharokhaError, parseInput } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { AuditLog } from '../store/audit-log.js';
import type { BoxRepo } from '../store/box-repo.js';
import type { CameraRepo } from '../store/camera-repo.js';
import type { Db } from '../store/database.js';
import { AlertStore } from './alert-store.js';
import { incidentCameras } from './nearest-cameras.js';
import { DEFAULT_PRESS_LIMIT, PressWindow, type PressLimit } from './press-limit.js';

/** A press joins an alert in these states; after the call ended or dropped, a press rings again. */
const liveStates: readonly AlertState[] = [...waitingStates, 'answered', 'on_hold'];
const log = createLogger('alerts');

export interface Actor {
  name: string;
  role: Role;
  /** Done on a workstation while the site was unreachable and delivered later (workstation time). */
  via?: { workstationId: string; at: number };
}

/** A client-made key (a UUID) that makes a write idempotent: applied once, repeats answered with the current alert. */
export interface WriteOptions {
  requestKey?: string;
}

export type AlertQueueEvents = { changed: [alert: Alert] };

export interface AlertQueueOptions {
  db: Db;
  boxes: BoxRepo;
  audit: AuditLog;
  cameras: CameraRepo;
  /** A ringing alert nobody answered within this long escalates (default 20 s). */
  escalateAfterMs?: number;
  /** Cameras besides the box's own in an incident layout (default 8: nine tiles in all). */
  incidentCameraCount?: number;
  /** How many presses one box may make in a window (default 10 in 10 s). */
  pressLimit?: PressLimit;
  now?: () => number;
}

const ActorInput = z.object({
  name: OperatorName,
  role: Role,
  via: z.object({ workstationId: z.string().min(1).max(64), at: z.number().int().nonnegative() }).optional(),
});
const RequestKey = z.string().uuid().optional();
const PressInput = z.object({
  boxId: BoxId,
  kind: AlertKind,
  pressId: z.string().uuid(),
  pressedAt: z.number().int().nonnegative().optional(),
});
const Note = z.string().trim().max(2000);
/** A press that joined an open alert is kept among the applied requests under its pressId. */
const PRESS_JOINED = 'box.press';

const isWaiting = (state: AlertState): boolean => waitingStates.includes(state);
const label = (actor: Actor): string => `${actor.role}:${actor.name}${actor.via ? ` via workstation:${actor.via.workstationId}` : ''}`;
/** The audit detail of a delivered action says when the operator did it, on which workstation. */
const viaDetail = (actor: Actor): Record<string, unknown> => (actor.via ? { workstation: actor.via.workstationId, at: actor.via.at } : {});

interface Step {
  actor: string;
  action: string;
  /** History rows to write, in order; just the new state when absent. */
  history?: string[];
  detail?: Record<string, unknown>;
}

export class AlertQueue extends TypedEmitter<AlertQueueEvents> {
  /** Loads the open alerts (an engine restart keeps each one's original raisedAt) and their escalation. */
  static create(options: AlertQueueOptions): AlertQueue {
    const queue = new AlertQueue(
      options.db,
      new AlertStore(options.db),
      options.boxes,
      options.audit,
      options.cameras,
      options.escalateAfterMs ?? 20_000,
      options.incidentCameraCount ?? 8,
      new PressWindow(options.pressLimit ?? DEFAULT_PRESS_LIMIT),
      options.now ?? Date.now,
    );
    for (const alert of queue.store.open()) {
      if (alert.state !== 'ringing') continue;
      // Overdue while the engine was down: escalate now rather than after a fresh full wait.
      if (queue.now() - alert.raisedAt >= queue.escalateAfterMs) queue.escalate(alert.id);
      else queue.scheduleEscalation(alert);
    }
    return queue;
  }

  private readonly timers = new Map<string, NodeJS.Timeout>();
  private disposed = false;

  private constructor(
    private readonly db: Db,
    private readonly store: AlertStore,
    private readonly boxes: BoxRepo,
    private readonly audit: AuditLog,
    private readonly cameras: CameraRepo,
    private readonly escalateAfterMs: number,
    private readonly incidentCameraCount: number,
    private readonly pressLimit: PressWindow,
    private readonly now: () => number,
  ) {
    super();
  }

  /**
   * A press from a call box. A box has at most one live alert (waiting or in a call): a press while
   * one is live joins it (audited, nothing rings again), and a panic press upgrades a live emergency
   * to panic. A press after the box's call ended or dropped is a new call for help and rings again
   * (the ended one stays open for its operator to wrap up). A
   * repeated pressId (a kiosk retrying after a drop or a restart) returns its alert and counts
   * once. Only a press that would merely join is ever refused by the box's rate limit: raising an
   * alert and upgrading one happen at most once per open alert, so they can flood nothing, and a
   * refused press stays in the kiosk's outbox until it is taken.
   */
  press(input: { boxId: string; kind: AlertKind; pressId: string; pressedAt?: number }): Alert {
    const press = parseInput(PressInput, input, 'press');
    const at = this.now();
    return this.transact((changed) => {
      const existing = this.pressed(press.pressId);
      if (existing) {
        if (existing.boxId !== press.boxId) throw new JharokhaError('BadRequest', 'press id already used by another box');
        return existing;
      }
      const box = this.boxes.get(press.boxId);
      if (!box) throw new JharokhaError('NotFound', `no call box ${press.boxId}`);
      if (box.revokedAt !== undefined) throw new JharokhaError('Forbidden', `call box ${box.id} is revoked`);
      const actor = `box:${box.id}`;
      const open = this.liveForBox(box.id);
      const upgrade = open?.kind === 'emergency' && press.kind === 'panic';
      if (open && !upgrade) this.pressLimit.check(box.id, at);
      let alert: Alert;
      if (!open) {
        // Chosen once, at the press, and stored: the layout stays the same for the whole call and in
        // the record afterwards, and every list() read does not rescan the city's cameras.
        alert = Alert.parse({
          id: randomUUID(),
          boxId: box.id,
          kind: press.kind,
          state: 'ringing',
          raisedAt: at,
          incidentCameras: incidentCameras(box, this.cameras.locations(), this.incidentCameraCount),
        });
        this.store.insert(alert, press);
        this.store.addHistory(alert.id, at, 'ringing', actor);
        this.audit.append({ actor, action: 'alert.ring', target: `alert:${alert.id}`, detail: { kind: alert.kind, pressId: press.pressId } }, at);
        changed.push(alert);
      } else {
        const detail = { kind: press.kind, pressId: press.pressId, ...(press.pressedAt !== undefined ? { pressedAt: press.pressedAt } : {}) };
        if (upgrade) {
          alert = this.write(changed, open, { ...open, kind: 'panic' }, at, { actor, action: 'alert.upgrade', history: [], detail });
        } else {
          alert = open;
          this.audit.append({ actor, action: 'alert.pressAgain', target: `alert:${open.id}`, detail }, at);
        }
        this.store.recordRequest(press.pressId, PRESS_JOINED, open.id, at);
      }
      this.pressLimit.record(box.id, at);
      return alert;
    });
  }

  /** Open alerts in queue order, then up to `closed` of the most recently closed. */
  list(options: { closed?: number } = {}): Alert[] {
    const closed = parseInput(z.number().int().min(0), options.closed ?? 0, 'closed count');
    return [...this.store.open().sort(compareAlerts), ...this.store.recentlyClosed(closed)];
  }

  get(alertId: string): Alert | undefined {
    return this.store.get(alertId);
  }

  /** What the box's kiosk shows: its live alert, else its most urgent open one. */
  currentForBox(boxId: string): Alert | undefined {
    return this.liveForBox(boxId) ?? this.store.openForBox(boxId).sort(compareAlerts)[0];
  }

  /** The box's alert that is ringing, escalated or in a call (at most one: presses join it). */
  private liveForBox(boxId: string): Alert | undefined {
    return this.store.openForBox(boxId).filter((alert) => liveStates.includes(alert.state)).sort(compareAlerts)[0];
  }

  /** The call this operator is talking on now. */
  activeCallOf(operatorName: string): Alert | undefined {
    return this.store.answeredBy(operatorName);
  }

  /**
   * Claims a waiting call. Exactly one operator gets it: the write is conditional on the state just
   * read, inside an immediate transaction; the others get Conflict naming who has it. A call the
   * actor is already on goes on hold first, so one click switches to a panic call.
   */
  answer(alertId: string, actor: Actor): Alert {
    const who = parseInput(ActorInput, actor, 'actor');
    const at = this.now();
    return this.transact((changed) => {
      const alert = this.require(alertId);
      if (alert.state === 'answered' || alert.state === 'on_hold') {
        if (alert.operator !== who.name) throw new JharokhaError('Conflict', `taken by ${alert.operator}`);
        if (alert.state === 'answered') return alert; // a double click: already on this call
        throw new JharokhaError('InvalidState', 'this call is on hold: resume it');
      }
      if (!isWaiting(alert.state)) throw new JharokhaError('InvalidState', `the alert is ${alert.state}`);
      const refusal = answerRefusal(alert, who);
      if (refusal) throw new JharokhaError('Forbidden', refusal);
      this.holdActiveCall(changed, who, alert.id, at);
      const next: Alert = { ...alert, state: 'answered', operator: who.name, answeredAt: alert.answeredAt ?? at };
      return this.write(changed, alert, next, at, { actor: label(who), action: 'alert.answer' });
    });
  }

  hold(alertId: string, actor: Actor): Alert {
    const who = parseInput(ActorInput, actor, 'actor');
    const at = this.now();
    return this.transact((changed) => {
      const alert = this.requireOwned(alertId, who, ['answered']);
      return this.write(changed, alert, { ...alert, state: 'on_hold' }, at, { actor: label(who), action: 'alert.hold' });
    });
  }

  resume(alertId: string, actor: Actor): Alert {
    const who = parseInput(ActorInput, actor, 'actor');
    const at = this.now();
    return this.transact((changed) => {
      const alert = this.requireOwned(alertId, who, ['on_hold']);
      this.holdActiveCall(changed, who, alert.id, at);
      return this.write(changed, alert, { ...alert, state: 'answered' }, at, { actor: label(who), action: 'alert.resume' });
    });
  }

  hangup(alertId: string, actor: Actor): Alert {
    const who = parseInput(ActorInput, actor, 'actor');
    const at = this.now();
    return this.transact((changed) => {
      const alert = this.requireOwned(alertId, who, ['answered', 'on_hold']);
      return this.write(changed, alert, { ...alert, state: 'ended' }, at, { actor: label(who), action: 'alert.hangup' });
    });
  }

  /** Rings a box back after its call dropped or ended; the caller becomes the call's owner. */
  callback(alertId: string, actor: Actor): Alert {
    const who = parseInput(ActorInput, actor, 'actor');
    const at = this.now();
    return this.transact((changed) => {
      const alert = this.require(alertId);
      if (alert.state !== 'dropped' && alert.state !== 'ended') throw new JharokhaError('InvalidState', `the alert is ${alert.state}`);
      const refusal = callbackRefusal(alert, who);
      if (refusal) throw new JharokhaError('Forbidden', refusal);
      this.holdActiveCall(changed, who, alert.id, at);
      const next: Alert = { ...alert, state: 'answered', operator: who.name };
      return this.write(changed, alert, next, at, { actor: label(who), action: 'alert.callback' });
    });
  }

  /**
   * Seen and being dealt with, by any call taker, in every state but closed. The first
   * acknowledgement is kept on the alert; later ones are only audited (each with its note).
   */
  acknowledge(alertId: string, actor: Actor, note: string, options: WriteOptions = {}): Alert {
    const who = parseInput(ActorInput, actor, 'actor');
    const text = parseInput(Note, note, 'note');
    const requestKey = parseInput(RequestKey, options.requestKey, 'request key');
    const at = this.now();
    return this.transact((changed) => {
      const repeat = this.replay(requestKey, 'alert.acknowledge', alertId);
      if (repeat) return repeat;
      const alert = this.require(alertId);
      const refusal = acknowledgeRefusal(alert);
      if (refusal) throw new JharokhaError('InvalidState', refusal);
      const step: Step = { actor: label(who), action: 'alert.acknowledge', history: [], detail: { note: text, ...viaDetail(who) } };
      let result = alert;
      if (alert.acknowledgedBy === undefined) {
        result = this.write(changed, alert, { ...alert, acknowledgedBy: who.name, acknowledgedAt: at }, at, step);
      } else {
        this.audit.append({ actor: step.actor, action: step.action, target: `alert:${alert.id}`, detail: step.detail }, at);
      }
      this.remember(requestKey, 'alert.acknowledge', alertId, at);
      return result;
    });
  }

  /**
   * Closes an alert with its outcome. An unanswered alert only a supervisor may close: nothing
   * anyone pressed may vanish from the queue unseen by one.
   */
  closeAlert(alertId: string, actor: Actor, outcome: Outcome, note: string, options: WriteOptions = {}): Alert {
    const who = parseInput(ActorInput, actor, 'actor');
    const result = parseInput(Outcome, outcome, 'outcome');
    const text = parseInput(Note, note, 'note');
    const requestKey = parseInput(RequestKey, options.requestKey, 'request key');
    const at = this.now();
    return this.transact((changed) => {
      const repeat = this.replay(requestKey, 'alert.close', alertId);
      if (repeat) return repeat;
      const alert = this.require(alertId);
      const refusal = closeRefusal(alert, who);
      if (refusal) throw new JharokhaError(alert.state === 'closed' ? 'InvalidState' : 'Forbidden', refusal);
      const next: Alert = { ...alert, state: 'closed', closedAt: at, outcome: result, ...(text ? { note: text } : {}) };
      const closed = this.write(changed, alert, next, at, {
        actor: label(who),
        action: 'alert.close',
        detail: { outcome: result, note: text, ...viaDetail(who) },
      });
      this.remember(requestKey, 'alert.close', alertId, at);
      return closed;
    });
  }

  /** The box went away: its live calls drop (a call-back may pick them up again). */
  boxOffline(boxId: string): Alert[] {
    const at = this.now();
    return this.transact((changed) =>
      this.store
        .openForBox(boxId)
        .filter((alert) => alert.state === 'answered' || alert.state === 'on_hold')
        .map((alert) => this.write(changed, alert, { ...alert, state: 'dropped' }, at, { actor: 'engine', action: 'alert.drop' })),
    );
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Runs `work` in one immediate transaction, then (after the commit) emits what it changed. */
  private transact<T>(work: (changed: Alert[]) => T): T {
    const changed: Alert[] = [];
    const result = this.db.transaction(() => work(changed)).immediate();
    for (const alert of changed) {
      if (alert.state === 'ringing') this.scheduleEscalation(alert);
      else this.clearEscalation(alert.id);
      this.safeEmit('changed', alert);
    }
    return result;
  }

  /** One state change: the conditional row update, its history rows and its audit line. */
  private write(changed: Alert[], from: Alert, next: Alert, at: number, step: Step): Alert {
    if (!this.store.update(from.state, next)) {
      throw new JharokhaError('Conflict', `alert ${from.id} changed meanwhile; try again`);
    }
    for (const state of step.history ?? [next.state]) this.store.addHistory(next.id, at, state, step.actor);
    this.audit.append({ actor: step.actor, action: step.action, target: `alert:${next.id}`, ...(step.detail ? { detail: step.detail } : {}) }, at);
    changed.push(next);
    return next;
  }

  /** Puts the actor's live call (other than `exceptId`) on hold, in the caller's transaction. */
  private holdActiveCall(changed: Alert[], who: Actor, exceptId: string, at: number): void {
    const active = this.store.answeredBy(who.name);
    if (!active || active.id === exceptId) return;
    this.write(changed, active, { ...active, state: 'on_hold' }, at, { actor: label(who), action: 'alert.hold' });
  }

  /** The alert a press with this id raised or joined, if it was taken before. */
  private pressed(pressId: string): Alert | undefined {
    const raised = this.store.byPressId(pressId);
    if (raised) return raised;
    const joined = this.store.appliedRequest(pressId);
    if (!joined) return undefined;
    if (joined.method !== PRESS_JOINED) throw new JharokhaError('BadRequest', `press id ${pressId} was already used for ${joined.method}`);
    return this.require(joined.alertId);
  }

  /**
   * The current alert when `requestKey` was already applied (no change, no audit, no event);
   * undefined when it is new. Runs inside the write's transaction, as remember() does.
   */
  private replay(requestKey: string | undefined, method: string, alertId: string): Alert | undefined {
    if (requestKey === undefined) return undefined;
    const applied = this.store.appliedRequest(requestKey);
    if (!applied) return undefined;
    if (applied.method !== method || applied.alertId !== alertId) {
      throw new JharokhaError('BadRequest', `request key ${requestKey} was already used for ${applied.method} on alert ${applied.alertId}`);
    }
    return this.require(alertId);
  }

  private remember(requestKey: string | undefined, method: string, alertId: string, at: number): void {
    if (requestKey !== undefined) this.store.recordRequest(requestKey, method, alertId, at);
  }

  private require(alertId: string): Alert {
    const alert = this.store.get(alertId);
    if (!alert) throw new JharokhaError('NotFound', `no alert ${alertId}`);
    return alert;
  }

  private requireOwned(alertId: string, who: Actor, states: readonly AlertState[]): Alert {
    const alert = this.require(alertId);
    if (!states.includes(alert.state)) throw new JharokhaError('InvalidState', `the alert is ${alert.state}`);
    const refusal = ownerRefusal(alert, who);
    if (refusal) throw new JharokhaError('Forbidden', refusal);
    return alert;
  }

  private escalate(alertId: string): void {
    const at = this.now();
    this.transact((changed) => {
      const alert = this.store.get(alertId);
      if (alert?.state !== 'ringing') return;
      const next: Alert = { ...alert, state: 'escalated', escalatedAt: at };
      this.write(changed, alert, next, at, { actor: 'engine', action: 'alert.escalate', history: ['unanswered', 'escalated'] });
    });
  }

  private scheduleEscalation(alert: Alert): void {
    if (this.disposed || this.timers.has(alert.id)) return;
    const delay = Math.max(0, alert.raisedAt + this.escalateAfterMs - this.now());
    const timer = setTimeout(() => {
      this.timers.delete(alert.id);
      try {
        this.escalate(alert.id);
      } catch (error) {
        log.error(`could not escalate alert ${alert.id}`, error);
      }
    }, delay);
    // A pending escalation must never keep a stopping engine alive.
    timer.unref();
    this.timers.set(alert.id, timer);
  }

  private clearEscalation(alertId: string): void {
    const timer = this.timers.get(alertId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(alertId);
  }
}
