// The workstation's outbox on a real SQLite file: order, a pause that keeps the rest waiting, a
// refusal kept with its reason and not sent again, and entries that survive a reopen.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Alert } from '../../../common/domain/alert.js';
import { JharokhaError } from '../../../common/errors.js';
import type { MethodParams } from '../../../common/protocol/methods.js';
import { openDatabase } from '../../../main/engine/node/store/database.js';
import { Outbox, type OutboxAction } from '../../../main/engine/node/workstation/outbox.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-outbox-'));
const ack = (note: string): OutboxAction => ({ method: 'alert.acknowledge', params: { alertId: randomUUID(), note } });
/** This test records acknowledgements only: their alert and note. */
const ackOf = (action: { method: string; params: unknown }): { alertId: string; note: string } => {
  assert.equal(action.method, 'alert.acknowledge');
  const params = action.params as { alertId: string; note?: string };
  return { alertId: params.alertId, note: params.note ?? '' };
};
const alertFor = (params: MethodParams<'sync.deliver'>): Alert => ({
  id: ackOf(params.action).alertId,
  boxId: 'box-a',
  kind: 'panic',
  state: 'ringing',
  raisedAt: 1,
  incidentCameras: [],
});

/** A site that answers each delivery with what `answer` says, recording what it was sent. */
function fakeSite(answer: (note: string) => 'ok' | JharokhaError) {
  const sent: string[] = [];
  return {
    sent,
    request: async (_method: 'sync.deliver', params: MethodParams<'sync.deliver'>) => {
      const { note } = ackOf(params.action);
      sent.push(`${note}:${params.requestKey}`);
      const result = answer(note);
      if (result !== 'ok') throw result;
      return { alert: alertFor(params) };
    },
  };
}

describe('Outbox', () => {
  it('delivers in order, pauses on a retryable failure, keeps a refusal and survives a reopen', async () => {
    const file = path.join(dir, 'engine.sqlite');
    let db = openDatabase(file);
    let outbox = new Outbox(db);
    const first = outbox.record('asha', ack('one'));
    outbox.record('asha', ack('two'));
    outbox.record('ravi', ack('three'));
    db.close();

    db = openDatabase(file);
    outbox = new Outbox(db);
    assert.deepEqual(outbox.pending().map((e) => ackOf(e.action).note), ['one', 'two', 'three'], 'kept across a reopen, in order');

    const paused = fakeSite((note) => (note === 'two' ? new JharokhaError('Unavailable', 'site gone') : 'ok'));
    const accepted: string[] = [];
    assert.equal(await outbox.deliver(paused, (alert) => accepted.push(alert.id)), 1);
    assert.deepEqual(paused.sent.map((s) => s.split(':')[0]), ['one', 'two'], 'nothing after the pause is sent');
    assert.deepEqual(accepted, [ackOf(first.action).alertId]);
    assert.equal(outbox.pendingCount(), 2);

    const refusing = fakeSite((note) => (note === 'two' ? new JharokhaError('InvalidState', 'the alert is already closed') : 'ok'));
    assert.equal(await outbox.deliver(refusing, () => undefined), 2);
    assert.equal(outbox.pendingCount(), 0);
    const refused = outbox.entries().find((e) => ackOf(e.action).note === 'two');
    assert.equal(refused?.refused, 'the alert is already closed');
    assert.equal(paused.sent[1], refusing.sent[0], 'a retried action goes with the same request key');

    const again = fakeSite(() => 'ok');
    assert.equal(await outbox.deliver(again, () => undefined), 0);
    assert.deepEqual(again.sent, [], 'a refused action is not sent again');
    assert.ok(outbox.has(first.requestKey));
    db.close();
  });

  it('runs one round at a time', async () => {
    const db = openDatabase(path.join(dir, 'one-round.sqlite'));
    const outbox = new Outbox(db);
    outbox.record('asha', ack('only'));
    const site = fakeSite(() => 'ok');
    const [a, b] = await Promise.all([outbox.deliver(site, () => undefined), outbox.deliver(site, () => undefined)]);
    assert.equal(a + b, 2, 'both callers see the one round');
    assert.equal(site.sent.length, 1);
    db.close();
  });
});
