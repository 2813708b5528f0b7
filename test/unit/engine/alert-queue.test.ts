import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Alert, alertStates, type AlertKind } from '../../../common/domain/alert.js';
import { JharokhaError, type ErrorCode } from '../../../common/errors.js';
import { AlertQueue, type Actor } from '../../../main/engine/node/alerts/alert-queue.js';
import type { PressLimit } from '../../../main/engine/node/alerts/press-limit.js';
import { distanceMeters, incidentCameras } from '../../../main/engine/node/alerts/nearest-cameras.js';
import { AuditLog } from '../../../main/engine/node/store/audit-log.js';
import { BoxRepo } from '../../../main/engine/node/store/box-repo.js';
import { CameraRepo } from '../../../main/engine/node/store/camera-repo.js';
import { openDatabase, type Db } from '../../../main/engine/node/store/database.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-alerts-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
let files = 0;

const ravi: Actor = { name: 'Ravi', role: 'operator' };
const sita: Actor = { name: 'Sita', role: 'operator' };
const chief: Actor = { name: 'Chief', role: 'supervisor' };

// Box A stands at Ghantaghar with its own camera; about 0.1, 0.5 and 10 km away are three more.
const A = { lat: 26.4596, lon: 80.3492 };
const camera = (id: string, lat: number, lon: number, category: 'market' | 'call_box' = 'market') => ({
  id,
  name: id,
  category,
  lat,
  lon,
  mainUrl: `rtsp://10.0.0.5/${id}`,
});

interface Setup {
  file?: string;
  escalateAfterMs?: number;
  pressLimit?: PressLimit;
  now?: () => number;
}

function open(setup: Setup = {}) {
  const file = setup.file ?? path.join(dir, `engine-${++files}.sqlite`);
  const db = openDatabase(file);
  const cameras = new CameraRepo(db);
  const boxes = new BoxRepo(db);
  const audit = new AuditLog(db);
  cameras.upsertMany([
    camera('box-a-cam', A.lat, A.lon, 'call_box'),
    camera('near-2', A.lat + 0.0045, A.lon),
    camera('near-1', A.lat + 0.0009, A.lon),
    camera('far-1', A.lat + 0.09, A.lon),
  ]);
  boxes.upsert({ id: 'box-a', name: 'Ghantaghar Square', place: 'Ghantaghar', ...A, cameraId: 'box-a-cam' });
  boxes.upsert({ id: 'box-b', name: 'Gaushala Crossing', place: 'Gaushala', lat: 26.4617, lon: 80.3551 });
  boxes.upsert({ id: 'box-c', name: 'Rambagh', place: 'Rambagh', lat: 26.47, lon: 80.33 });
  boxes.upsert({ id: 'box-d', name: 'Mall Road', place: 'Mall Road', lat: 26.47, lon: 80.35 });
  let clock = 1_700_000_000_000;
  const queue = AlertQueue.create({
    db,
    boxes,
    audit,
    cameras,
    escalateAfterMs: setup.escalateAfterMs ?? 60_000,
    incidentCameraCount: 2,
    ...(setup.pressLimit ? { pressLimit: setup.pressLimit } : {}),
    now: setup.now ?? (() => clock),
  });
  const changes: Alert[] = [];
  queue.on('changed', (alert) => changes.push(alert));
  return {
    db,
    file,
    queue,
    boxes,
    audit,
    changes,
    tick: (ms = 1) => (clock += ms),
    press: (kind: AlertKind, boxId = 'box-a') => queue.press({ boxId, kind, pressId: randomUUID() }),
    history: (alertId: string) => historyOf(db, alertId),
    actions: (alertId: string) => audit.list({ limit: 100, target: `alert:${alertId}` }).reverse(),
    close: () => {
      queue.dispose();
      db.close();
    },
  };
}

const historyOf = (db: Db, alertId: string) =>
  (db.prepare('SELECT state, actor FROM alert_history WHERE alert_id = ? ORDER BY id').all(alertId) as { state: string; actor: string }[]).map(
    (h) => `${h.state} by ${h.actor}`,
  );

const fails = (code: ErrorCode, message?: RegExp) => (error: unknown) =>
  error instanceof JharokhaError && error.code === code && (!message || message.test(error.message));

function nextChange(queue: AlertQueue, match: (alert: Alert) => boolean, timeoutMs = 2000): Promise<Alert> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching change in time')), timeoutMs);
    const listener = (alert: Alert) => {
      if (!match(alert)) return;
      clearTimeout(timer);
      queue.off('changed', listener);
      resolve(alert);
    };
    queue.on('changed', listener);
  });
}

describe('alert queue', () => {
  it('queues panic before emergency, then by arrival, as plain Alert objects', () => {
    const t = open();
    const e1 = t.press('emergency');
    t.tick();
    const p1 = t.press('panic', 'box-b');
    t.tick();
    const e2 = t.press('emergency', 'box-c');
    t.tick();
    const p2 = t.press('panic', 'box-d');
    assert.deepEqual(t.queue.list().map((a) => a.id), [p1.id, p2.id, e1.id, e2.id]);
    for (const alert of t.queue.list()) {
      assert.deepEqual(Alert.parse(alert), alert);
      assert.ok(!('operator' in alert) && !('closedAt' in alert), 'absent fields are absent, not null');
    }
    assert.equal(t.queue.currentForBox('box-a')?.id, e1.id);
    assert.equal(t.queue.currentForBox('box-nowhere'), undefined);
    t.close();
  });

  it('raises one alert and one ring for a press repeated with the same pressId', () => {
    const t = open();
    const pressId = randomUUID();
    const first = t.queue.press({ boxId: 'box-a', kind: 'panic', pressId, pressedAt: 123 });
    t.tick(500);
    const again = t.queue.press({ boxId: 'box-a', kind: 'panic', pressId });
    assert.deepEqual(again, first);
    assert.equal(t.queue.list().length, 1);
    assert.equal(t.changes.length, 1);
    assert.deepEqual(t.history(first.id), ['ringing by box:box-a']);
    const ring = t.actions(first.id);
    assert.deepEqual(
      ring.map(({ actor, action, detail }) => ({ actor, action, detail })),
      [{ actor: 'box:box-a', action: 'alert.ring', detail: { kind: 'panic', pressId } }],
    );
    assert.throws(() => t.queue.press({ boxId: 'box-b', kind: 'panic', pressId }), fails('BadRequest'));
    t.close();
  });

  it('joins a press on a box with an open alert: the same alert, audited, nothing rings again', () => {
    const t = open();
    const first = t.press('emergency');
    t.queue.answer(first.id, ravi);
    t.changes.length = 0;
    const pressId = randomUUID();
    const again = t.queue.press({ boxId: 'box-a', kind: 'emergency', pressId, pressedAt: 42 });
    assert.deepEqual(again, t.queue.get(first.id));
    assert.equal(t.queue.list().length, 1);
    assert.deepEqual(t.changes, [], 'no alert.changed for a joined press');
    assert.deepEqual(
      t.actions(first.id).map(({ actor, action, detail }) => ({ actor, action, detail })),
      [
        { actor: 'box:box-a', action: 'alert.ring', detail: { kind: 'emergency', pressId: t.actions(first.id)[0]!.detail!.pressId } },
        { actor: 'operator:Ravi', action: 'alert.answer', detail: undefined },
        { actor: 'box:box-a', action: 'alert.pressAgain', detail: { kind: 'emergency', pressId, pressedAt: 42 } },
      ],
    );
    // The same press resent (its answer was lost) is the same press: one audit line, same alert.
    assert.deepEqual(t.queue.press({ boxId: 'box-a', kind: 'emergency', pressId }), again);
    assert.equal(t.actions(first.id).filter((e) => e.action === 'alert.pressAgain').length, 1);
    assert.throws(() => t.queue.press({ boxId: 'box-b', kind: 'emergency', pressId }), fails('BadRequest'));
    // Once the call has ended (closed or not), the next press is a new call for help and rings.
    t.queue.hangup(first.id, ravi);
    const next = t.press('emergency');
    assert.notEqual(next.id, first.id);
    assert.equal(next.state, 'ringing');
    assert.equal(t.queue.currentForBox('box-a')?.id, next.id, 'the kiosk shows the new call, not the ended one');
    assert.equal(t.queue.get(first.id)?.state, 'ended', 'the ended call stays for its operator to wrap up');
    assert.equal(t.press('emergency').id, next.id, 'a press while the new call rings joins it');
    t.close();
  });

  it('upgrades an open emergency to panic on a panic press: audited, re-sorted, one change emitted', () => {
    const t = open();
    const emergency = t.press('emergency');
    t.tick();
    const other = t.press('emergency', 'box-b');
    t.changes.length = 0;
    const panic = t.press('panic');
    assert.equal(panic.id, emergency.id);
    assert.deepEqual({ kind: panic.kind, state: panic.state, raisedAt: panic.raisedAt }, { kind: 'panic', state: 'ringing', raisedAt: emergency.raisedAt });
    assert.deepEqual(t.changes.map((a) => [a.id, a.kind]), [[emergency.id, 'panic']]);
    assert.deepEqual(t.queue.list().map((a) => a.id), [emergency.id, other.id]);
    assert.deepEqual(t.actions(emergency.id).map((e) => e.action), ['alert.ring', 'alert.upgrade']);
    assert.deepEqual(t.history(emergency.id), ['ringing by box:box-a'], 'an upgrade changes no state');
    // An emergency press on a panic alert joins it; the kind stays panic.
    assert.equal(t.press('emergency').kind, 'panic');
    assert.deepEqual(t.actions(emergency.id).map((e) => e.action), ['alert.ring', 'alert.upgrade', 'alert.pressAgain']);
    t.close();
  });

  it('refuses a joining press past the box’s rate limit with LimitReached, never a raise or an upgrade', () => {
    const t = open({ pressLimit: { presses: 3, windowMs: 10_000 } });
    const alert = t.press('emergency');
    t.press('emergency');
    t.press('emergency');
    assert.throws(() => t.press('emergency'), fails('LimitReached', /call box box-a pressed 3 times within 10 s.*again in 10 s/));
    assert.equal(t.press('panic').kind, 'panic', 'an upgrade is never refused');
    assert.throws(() => t.press('panic'), fails('LimitReached'));
    assert.equal(t.press('emergency', 'box-b').state, 'ringing', 'another box has its own share');
    t.tick(10_000);
    assert.equal(t.press('emergency').id, alert.id, 'the window has passed');
    assert.deepEqual(
      t.actions(alert.id).map((e) => e.action),
      ['alert.ring', 'alert.pressAgain', 'alert.pressAgain', 'alert.upgrade', 'alert.pressAgain'],
      'a refused press writes nothing',
    );
    // A box whose alert was closed raises a new one whatever its count.
    t.press('emergency');
    t.press('emergency');
    assert.throws(() => t.press('emergency'), fails('LimitReached'));
    t.queue.closeAlert(alert.id, chief, 'test', '');
    assert.notEqual(t.press('emergency').id, alert.id);
    t.close();
  });

  it('lets exactly one operator claim a call; the next gets Conflict naming the first', () => {
    const t = open();
    const alert = t.press('emergency');
    t.tick(4000);
    const answered = t.queue.answer(alert.id, ravi);
    assert.equal(answered.state, 'answered');
    assert.equal(answered.operator, 'Ravi');
    assert.equal(answered.answeredAt, alert.raisedAt + 4000);
    assert.throws(() => t.queue.answer(alert.id, sita), fails('Conflict', /taken by Ravi/));
    assert.deepEqual(t.queue.answer(alert.id, ravi), answered, 'a double click changes nothing');
    assert.equal(t.actions(alert.id).filter((e) => e.action === 'alert.answer').length, 1);
    assert.equal(t.queue.activeCallOf('Ravi')?.id, alert.id);
    assert.equal(t.queue.activeCallOf('Sita'), undefined);
    t.close();
  });

  it('puts the current call on hold, never drops it, when the operator takes a panic call', () => {
    const t = open();
    const emergency = t.press('emergency');
    t.queue.answer(emergency.id, ravi);
    const panic = t.press('panic', 'box-b');
    t.changes.length = 0;
    t.queue.answer(panic.id, ravi);
    assert.deepEqual(
      t.changes.map((a) => [a.id, a.state]),
      [
        [emergency.id, 'on_hold'],
        [panic.id, 'answered'],
      ],
    );
    assert.equal(t.queue.get(emergency.id)?.operator, 'Ravi');
    assert.equal(t.queue.activeCallOf('Ravi')?.id, panic.id);
    // Back to the first call: the panic call waits on hold in turn.
    t.queue.resume(emergency.id, ravi);
    assert.equal(t.queue.get(panic.id)?.state, 'on_hold');
    assert.equal(t.queue.activeCallOf('Ravi')?.id, emergency.id);
    t.close();
  });

  it('lets only the owner hold, resume and hang up a call', () => {
    const t = open();
    const alert = t.press('emergency');
    assert.throws(() => t.queue.hold(alert.id, ravi), fails('InvalidState'));
    t.queue.answer(alert.id, ravi);
    assert.throws(() => t.queue.hold(alert.id, sita), fails('Forbidden'));
    assert.throws(() => t.queue.hold(alert.id, chief), fails('Forbidden'));
    assert.equal(t.queue.hold(alert.id, ravi).state, 'on_hold');
    assert.throws(() => t.queue.answer(alert.id, ravi), fails('InvalidState', /resume/));
    assert.throws(() => t.queue.answer(alert.id, sita), fails('Conflict', /taken by Ravi/));
    assert.throws(() => t.queue.resume(alert.id, sita), fails('Forbidden'));
    assert.equal(t.queue.resume(alert.id, ravi).state, 'answered');
    assert.throws(() => t.queue.hangup(alert.id, sita), fails('Forbidden'));
    t.queue.hold(alert.id, ravi);
    assert.equal(t.queue.hangup(alert.id, ravi).state, 'ended');
    assert.throws(() => t.queue.hangup(alert.id, ravi), fails('InvalidState'));
    assert.throws(() => t.queue.resume(alert.id, ravi), fails('InvalidState'));
    t.close();
  });

  it('closes an answered alert by its owner or a supervisor, an unanswered one by a supervisor only', () => {
    const t = open();
    const unanswered = t.press('panic');
    assert.throws(() => t.queue.closeAlert(unanswered.id, ravi, 'prank', ''), fails('Forbidden'));
    assert.equal(t.queue.get(unanswered.id)?.state, 'ringing');
    t.tick();
    const byChief = t.queue.closeAlert(unanswered.id, chief, 'test', '');
    assert.equal(byChief.state, 'closed');
    assert.ok(!('note' in byChief), 'an empty note is no note');

    const call = t.press('emergency');
    t.queue.answer(call.id, ravi);
    t.queue.hangup(call.id, ravi);
    assert.throws(() => t.queue.closeAlert(call.id, sita, 'valid', ''), fails('Forbidden'));
    t.tick();
    const closed = t.queue.closeAlert(call.id, ravi, 'valid', '  chain snatching, PCR sent  ');
    assert.deepEqual(
      { state: closed.state, outcome: closed.outcome, note: closed.note, closedAt: closed.closedAt },
      { state: 'closed', outcome: 'valid', note: 'chain snatching, PCR sent', closedAt: call.raisedAt + 1 },
    );
    assert.throws(() => t.queue.closeAlert(call.id, ravi, 'valid', ''), fails('InvalidState'));
    assert.throws(() => t.queue.answer(call.id, ravi), fails('InvalidState'));
    assert.throws(() => t.queue.callback(call.id, ravi), fails('InvalidState'));

    const supervised = t.press('emergency', 'box-b');
    t.queue.answer(supervised.id, sita);
    t.tick();
    assert.equal(t.queue.closeAlert(supervised.id, chief, 'false_alarm', '').state, 'closed', 'a supervisor closes a live call');

    assert.deepEqual(t.queue.list(), []);
    assert.deepEqual(t.queue.list({ closed: 2 }).map((a) => a.id), [supervised.id, call.id]);
    t.close();
  });

  it('rejects bad input with a typed error and writes nothing', () => {
    const t = open();
    const press = (input: object) => () => t.queue.press({ boxId: 'box-a', kind: 'panic', pressId: randomUUID(), ...input } as never);
    assert.throws(press({ boxId: 'box-nowhere' }), fails('NotFound'));
    assert.throws(press({ kind: 'fire' }), fails('BadRequest'));
    assert.throws(press({ pressId: 'not-a-uuid' }), fails('BadRequest'));
    t.boxes.revoke('box-b');
    assert.throws(press({ boxId: 'box-b' }), fails('Forbidden'));
    const alert = t.press('emergency');
    t.queue.answer(alert.id, ravi);
    assert.throws(() => t.queue.closeAlert(alert.id, ravi, 'solved' as never, ''), fails('BadRequest'));
    assert.throws(() => t.queue.closeAlert(alert.id, ravi, 'valid', 'x'.repeat(2001)), fails('BadRequest'));
    assert.throws(() => t.queue.answer(randomUUID(), ravi), fails('NotFound'));
    assert.throws(() => t.queue.hold(alert.id, { name: ' ', role: 'operator' }), fails('BadRequest'));
    assert.throws(() => t.queue.hold(alert.id, { name: 'Ravi', role: 'commissioner' as never }), fails('BadRequest'));
    assert.throws(() => t.queue.list({ closed: -1 }), fails('BadRequest'));
    assert.equal(t.queue.get(alert.id)?.state, 'answered');
    assert.deepEqual(t.audit.list({ limit: 10 }).map((e) => e.action), ['alert.answer', 'alert.ring']);
    t.close();
  });

  it('escalates a ringing alert nobody answered in time, which a supervisor may then answer', async () => {
    const t = open({ escalateAfterMs: 100, now: Date.now });
    const waiting = t.press('panic');
    const taken = t.press('emergency', 'box-b');
    t.queue.answer(taken.id, sita);
    assert.throws(() => t.queue.answer(waiting.id, chief), fails('Forbidden'), 'a ringing call is the operators’');
    const escalated = await nextChange(t.queue, (a) => a.id === waiting.id);
    assert.equal(escalated.state, 'escalated');
    assert.ok(escalated.escalatedAt! - escalated.raisedAt >= 95, 'it waited the escalation time');
    assert.deepEqual(t.history(waiting.id), ['ringing by box:box-a', 'unanswered by engine', 'escalated by engine']);
    assert.deepEqual(
      t.actions(waiting.id).map((e) => `${e.action} by ${e.actor}`),
      ['alert.ring by box:box-a', 'alert.escalate by engine'],
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(t.queue.get(taken.id)?.state, 'answered', 'an answered call never escalates');
    assert.equal(t.queue.answer(waiting.id, chief).operator, 'Chief');
    t.close();
  });

  it('stops escalating after dispose', async () => {
    const t = open({ escalateAfterMs: 50, now: Date.now });
    const alert = t.press('panic');
    t.queue.dispose();
    t.queue.dispose();
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal(t.queue.get(alert.id)?.state, 'ringing');
    t.close();
  });

  it('keeps ringing alerts across a restart with their raisedAt, escalating an overdue one at once', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const before = open({ escalateAfterMs: 2000, now });
    const overdue = before.press('emergency');
    clock += 100;
    const recent = before.press('panic', 'box-c');
    const call = before.press('emergency', 'box-b');
    before.queue.answer(call.id, ravi);
    before.close();

    clock += 1950; // the engine was down: `overdue` has waited 2050 ms, `recent` 1950 ms
    const afterRestart = open({ file: before.file, escalateAfterMs: 2000, now });
    const reloaded = afterRestart.queue.get(overdue.id)!;
    assert.equal(reloaded.state, 'escalated');
    assert.equal(reloaded.raisedAt, overdue.raisedAt);
    assert.equal(reloaded.escalatedAt, clock);
    assert.deepEqual(afterRestart.queue.get(recent.id), recent);
    assert.equal(afterRestart.queue.get(call.id)?.state, 'answered');
    assert.deepEqual(afterRestart.queue.list().map((a) => a.id), [recent.id, overdue.id, call.id]);
    // The other escalates after the rest of its wait (50 ms), not a fresh 2000 ms.
    const started = Date.now();
    const escalated = await nextChange(afterRestart.queue, (a) => a.id === recent.id);
    assert.equal(escalated.state, 'escalated');
    assert.ok(Date.now() - started < 1000, `escalated after ${Date.now() - started} ms`);
    assert.equal(escalated.raisedAt, recent.raisedAt);
    afterRestart.close();
  });

  it('drops a box’s live calls when it goes offline, and a call-back answers them again', () => {
    const t = open();
    const call = t.press('panic');
    const waiting = t.press('emergency', 'box-c');
    const elsewhere = t.press('emergency', 'box-b');
    t.queue.answer(call.id, ravi);
    t.queue.answer(elsewhere.id, sita);
    const dropped = t.queue.boxOffline('box-a');
    assert.deepEqual(dropped.map((a) => [a.id, a.state, a.operator]), [[call.id, 'dropped', 'Ravi']]);
    assert.equal(t.queue.get(waiting.id)?.state, 'ringing', 'an unanswered press elsewhere stays in the queue');
    assert.equal(t.queue.get(elsewhere.id)?.state, 'answered');
    assert.deepEqual(t.queue.boxOffline('box-a'), []);
    assert.equal(t.queue.activeCallOf('Ravi'), undefined);
    assert.throws(() => t.queue.callback(call.id, sita), fails('Forbidden'));
    assert.equal(t.queue.callback(call.id, ravi).state, 'answered');
    t.queue.hangup(call.id, ravi);
    const bySupervisor = t.queue.callback(call.id, chief);
    assert.deepEqual([bySupervisor.state, bySupervisor.operator], ['answered', 'Chief']);
    assert.deepEqual(
      t.actions(call.id).map((e) => `${e.action} by ${e.actor}`),
      [
        'alert.ring by box:box-a',
        'alert.answer by operator:Ravi',
        'alert.drop by engine',
        'alert.callback by operator:Ravi',
        'alert.hangup by operator:Ravi',
        'alert.callback by supervisor:Chief',
      ],
    );
    t.close();
  });

  it('records every change in alert_history and audit_log, and emits each only after its commit', () => {
    const t = open();
    const reader = openDatabase(t.file);
    const committed: string[] = [];
    t.queue.on('changed', (alert) => {
      committed.push((reader.prepare('SELECT state FROM alerts WHERE id = ?').get(alert.id) as { state: string }).state);
    });
    const alert = t.press('emergency');
    t.queue.answer(alert.id, ravi);
    t.queue.hold(alert.id, ravi);
    t.queue.resume(alert.id, ravi);
    t.queue.hangup(alert.id, ravi);
    t.queue.callback(alert.id, ravi);
    t.queue.hangup(alert.id, ravi);
    t.queue.closeAlert(alert.id, ravi, 'valid', 'lost child found');
    const states = ['ringing', 'answered', 'on_hold', 'answered', 'ended', 'answered', 'ended', 'closed'];
    assert.deepEqual(committed, states);
    assert.deepEqual(t.changes.map((a) => a.state), states);
    assert.deepEqual(
      t.history(alert.id),
      states.map((s, i) => `${s} by ${i === 0 ? 'box:box-a' : 'operator:Ravi'}`),
    );
    const audit = t.actions(alert.id);
    assert.deepEqual(
      audit.map((e) => e.action),
      ['ring', 'answer', 'hold', 'resume', 'hangup', 'callback', 'hangup', 'close'].map((a) => `alert.${a}`),
    );
    assert.deepEqual(audit.at(-1)?.detail, { outcome: 'valid', note: 'lost child found' });
    assert.ok(audit.every((e) => e.target === `alert:${alert.id}`));
    reader.close();
    t.close();
  });

  it('stores exactly the domain’s alert states', () => {
    const t = open();
    const alert = t.press('panic');
    for (const state of alertStates) t.db.prepare('UPDATE alerts SET state = ? WHERE id = ?').run(state, alert.id);
    assert.throws(() => t.db.prepare('UPDATE alerts SET state = ? WHERE id = ?').run('lost', alert.id), /CHECK/);
    t.close();
  });
});

describe('incident cameras', () => {
  it('puts the box camera first, then the nearest cameras by great-circle distance', () => {
    const t = open();
    assert.deepEqual(t.press('panic').incidentCameras, ['box-a-cam', 'near-1', 'near-2']);
    assert.deepEqual(t.press('panic', 'box-b').incidentCameras.length, 2, 'a box without a camera gets the nearest only');
    t.close();
  });

  it('orders by distance, ties by id, never repeats the box camera, stops at the count and the radius', () => {
    const box = { lat: 26.45, lon: 80.33, cameraId: 'box-cam' };
    const cameras = [
      { id: 'c-far', lat: 26.5, lon: 80.33 },
      { id: 'box-cam', lat: 26.45, lon: 80.33 },
      { id: 'c-b', lat: 26.451, lon: 80.33 },
      { id: 'c-a', lat: 26.449, lon: 80.33 },
      { id: 'c-near', lat: 26.4501, lon: 80.3301 },
    ];
    assert.deepEqual(incidentCameras(box, cameras, 8), ['box-cam', 'c-near', 'c-a', 'c-b'], 'c-far is 5.6 km away');
    assert.deepEqual(incidentCameras(box, cameras, 8, 6_000), ['box-cam', 'c-near', 'c-a', 'c-b', 'c-far']);
    assert.deepEqual(incidentCameras(box, cameras, 8, 50), ['box-cam', 'c-near'], 'c-a and c-b are 111 m away');
    assert.deepEqual(incidentCameras(box, cameras, 2), ['box-cam', 'c-near', 'c-a']);
    assert.deepEqual(incidentCameras({ lat: 26.45, lon: 80.33 }, cameras, 2), ['box-cam', 'c-near']);
    assert.deepEqual(incidentCameras(box, [], 8), ['box-cam']);
  });

  it('measures great-circle distance: Ghantaghar to IIT Gate is about 13 km', () => {
    const km = distanceMeters({ lat: 26.4596, lon: 80.3492 }, { lat: 26.5123, lon: 80.2329 }) / 1000;
    assert.ok(km > 12.5 && km < 13.5, `${km} km`);
    assert.equal(distanceMeters(A, A), 0);
  });
});
