// The console's queue: the reducer fed by alerts.list / alert.changed / boxes.list / box.changed,
// the selectors the panels read, and the rules for which buttons a row shows.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Alert, CallBoxSummary } from '../../../common/domain/alert.js';
import { actionsFor, answerLabel, noticeFor, takenBy } from '../../../renderer/browser/alerts/alert-actions.js';
import {
  CLOSED_KEPT,
  closedAlerts,
  emptyQueue,
  myCalls,
  openAlerts,
  reduceQueue,
  waitingAlerts,
  type QueueAction,
  type QueueState,
} from '../../../renderer/browser/alerts/queue-state.js';

let clock = 1_700_000_000_000;
function alert(change: Partial<Alert> = {}): Alert {
  return { id: randomUUID(), boxId: 'box-1', kind: 'emergency', state: 'ringing', raisedAt: clock++, incidentCameras: [], ...change };
}

function box(id: string, online = true): CallBoxSummary {
  return { id, name: `Box ${id}`, place: 'Kanpur', lat: 26.45, lon: 80.33, online };
}

const run = (...actions: QueueAction[]): QueueState => actions.reduce(reduceQueue, emptyQueue);

describe('queue state', () => {
  it('orders open alerts panic first, then by arrival, whatever order they came in', () => {
    const oldEmergency = alert();
    const panic = alert({ kind: 'panic' });
    const newEmergency = alert();
    const state = run({ type: 'alerts-loaded', alerts: [newEmergency, oldEmergency, panic] });
    assert.deepEqual(
      openAlerts(state).map((a) => a.id),
      [panic.id, oldEmergency.id, newEmergency.id],
    );
    assert.equal(state.live, true);
  });

  it('alert.changed adds new alerts and replaces known ones', () => {
    const first = alert();
    const second = alert({ kind: 'panic' });
    let state = run({ type: 'alerts-loaded', alerts: [first] }, { type: 'alert-changed', alert: second });
    assert.equal(openAlerts(state).length, 2);
    state = reduceQueue(state, { type: 'alert-changed', alert: { ...first, state: 'answered', operator: 'Asha' } });
    assert.equal(state.alerts.get(first.id)?.state, 'answered');
    assert.equal(state.alerts.size, 2);
  });

  it('a reload replaces the whole list: alerts gone from it are gone', () => {
    const stale = alert();
    const fresh = alert();
    const state = run({ type: 'alerts-loaded', alerts: [stale] }, { type: 'connection-lost' }, { type: 'alerts-loaded', alerts: [fresh] });
    assert.deepEqual([...state.alerts.keys()], [fresh.id]);
  });

  it('marks the queue not live while the connection is down, live again on reload', () => {
    let state = run({ type: 'alerts-loaded', alerts: [] });
    state = reduceQueue(state, { type: 'connection-lost' });
    assert.equal(state.live, false);
    assert.equal(reduceQueue(state, { type: 'connection-lost' }), state, 'no change, same object');
    assert.equal(reduceQueue(state, { type: 'alerts-loaded', alerts: [] }).live, true);
  });

  it('waiting alerts are the ringing and escalated ones, closed ones move to their own list', () => {
    const ringing = alert();
    const escalated = alert({ state: 'escalated', kind: 'panic' });
    const answered = alert({ state: 'answered', operator: 'Asha' });
    const closed = alert({ state: 'closed', closedAt: clock++, outcome: 'prank' });
    const state = run({ type: 'alerts-loaded', alerts: [ringing, escalated, answered, closed] });
    assert.deepEqual(
      waitingAlerts(state).map((a) => a.id),
      [escalated.id, ringing.id],
    );
    assert.ok(!openAlerts(state).some((a) => a.id === closed.id));
    assert.deepEqual(
      closedAlerts(state).map((a) => a.id),
      [closed.id],
    );
  });

  it(`keeps only the ${CLOSED_KEPT} most recently closed alerts`, () => {
    const closed = Array.from({ length: CLOSED_KEPT + 5 }, (_, i) => alert({ state: 'closed', closedAt: 1000 + i }));
    const open = alert();
    const state = run({ type: 'alerts-loaded', alerts: [open, ...closed] });
    assert.equal(closedAlerts(state).length, CLOSED_KEPT);
    assert.equal(closedAlerts(state)[0]?.closedAt, 1000 + CLOSED_KEPT + 4, 'newest first');
    assert.ok(state.alerts.has(open.id), 'open alerts are never pruned');
  });

  it('boxes load and change', () => {
    let state = run({ type: 'boxes-loaded', boxes: [box('a'), box('b')] });
    state = reduceQueue(state, { type: 'box-changed', box: box('b', false) });
    state = reduceQueue(state, { type: 'box-changed', box: box('c') });
    assert.equal(state.boxes.get('b')?.online, false);
    assert.deepEqual([...state.boxes.keys()], ['a', 'b', 'c']);
  });

  it("finds this operator's calls: talking, media (answered else on hold) and incident (else dropped)", () => {
    const held = alert({ state: 'on_hold', operator: 'Asha' });
    const talking = alert({ state: 'answered', operator: 'Asha', kind: 'panic' });
    const others = alert({ state: 'answered', operator: 'Ravi' });
    let state = run({ type: 'alerts-loaded', alerts: [held, talking, others] });
    let mine = myCalls(state, 'Asha');
    assert.equal(mine.talking?.id, talking.id);
    assert.equal(mine.media?.id, talking.id);
    assert.equal(mine.incident?.id, talking.id);

    state = reduceQueue(state, { type: 'alert-changed', alert: { ...talking, state: 'ended' } });
    mine = myCalls(state, 'Asha');
    assert.equal(mine.talking, null);
    assert.equal(mine.media?.id, held.id, 'the held call is still a call');

    state = reduceQueue(state, { type: 'alert-changed', alert: { ...held, state: 'dropped' } });
    mine = myCalls(state, 'Asha');
    assert.equal(mine.media, null, 'a dropped call has no media');
    assert.equal(mine.incident?.id, held.id, 'but its incident is still being handled');
    assert.deepEqual(myCalls(state, null), { talking: null, media: null, incident: null });
  });
});

describe('alert actions', () => {
  const asha = { username: 'Asha', displayName: 'Asha Verma', role: 'operator' } as const;
  const chief = { username: 'Chief', displayName: 'The Chief', role: 'supervisor' } as const;

  it('offers answer on a ringing call to operators, and on an escalated one to supervisors too', () => {
    assert.deepEqual(actionsFor(alert(), asha), ['answer']);
    assert.deepEqual(actionsFor(alert(), chief), ['close'], 'only a supervisor may close an unanswered call');
    assert.deepEqual(actionsFor(alert({ state: 'escalated' }), asha), ['answer']);
    assert.deepEqual(actionsFor(alert({ state: 'escalated' }), chief), ['answer', 'close']);
  });

  it('offers hold/resume/hang-up only on my own call', () => {
    assert.deepEqual(actionsFor(alert({ state: 'answered', operator: 'Asha' }), asha), ['hold', 'hangup']);
    assert.deepEqual(actionsFor(alert({ state: 'on_hold', operator: 'Asha' }), asha), ['resume', 'hangup']);
    assert.deepEqual(actionsFor(alert({ state: 'answered', operator: 'Ravi' }), asha), []);
  });

  it('offers call-back and close on a dropped or ended call to its operator or a supervisor, nothing when closed', () => {
    assert.deepEqual(actionsFor(alert({ state: 'dropped', operator: 'Asha' }), asha), ['callback', 'close']);
    assert.deepEqual(actionsFor(alert({ state: 'ended', operator: 'Asha' }), asha), ['callback', 'close']);
    assert.deepEqual(actionsFor(alert({ state: 'ended', operator: 'Ravi' }), asha), []);
    assert.deepEqual(actionsFor(alert({ state: 'dropped', operator: 'Ravi' }), chief), ['callback', 'close'], 'a supervisor may step in');
    assert.deepEqual(actionsFor(alert({ state: 'closed', operator: 'Asha' }), asha), []);
  });

  it('says "Switch to panic call" on a panic call while I am talking on another', () => {
    const talking = alert({ state: 'answered', operator: 'Asha' });
    assert.equal(answerLabel(alert({ kind: 'panic' }), talking), 'Switch to panic call');
    assert.equal(answerLabel(alert({ kind: 'panic' }), null), 'Answer');
    assert.equal(answerLabel(alert(), talking), 'Hold current & answer');
  });

  it('reads "taken by <name>" out of a Conflict', () => {
    assert.equal(takenBy('taken by Ravi Kumar'), 'Ravi Kumar');
    assert.equal(takenBy('something else'), null);
    assert.equal(noticeFor('Conflict', 'taken by Ravi Kumar'), 'Taken by Ravi Kumar');
    assert.match(noticeFor('Conflict', 'already closed'), /already closed/);
    assert.match(noticeFor('InvalidState', 'call is not on hold'), /^Not possible now/);
  });
});
