// A stolen kiosk key used to flood the queue: one box socket, hundreds of presses with fresh press
// ids. The box keeps one open alert, a panic press still upgrades it, presses past the box's rate
// limit are refused with LimitReached, and every press the engine acknowledged is on record.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { EngineSuite } from '../../support/engine-suite.js';
import type { TestClient } from '../../support/ws-client.js';

const TOKEN = 'test-token-alert-flood';
const BOX = 'box-flood';
// Short enough to wait out in a test; the 500 presses below all arrive well inside one window.
const LIMIT = { presses: 10, windowMs: 4_000 };

describe('an alert flood from one call box', () => {
  let kiosk: TestClient;
  let operator: TestClient;

  const suite = EngineSuite.forSuite('jharokha-flood-', { token: TOKEN, escalateAfterMs: 3_600_000, pressLimit: LIMIT }, async () => {
    suite.stored.boxes.upsert({ id: BOX, name: 'Flood box', place: 'Lab', lat: 26.46, lon: 80.34 });
    const key = suite.stored.boxes.issueKey(BOX);
    await suite.stored.users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: 'asha long password' });
    operator = await suite.scratch.connect(suite.engine.wsUrl());
    await operator.ok('session.login', { username: 'asha', password: 'asha long password' });
    kiosk = await suite.scratch.connect(`${suite.engine.wsUrl().replace(/\?.*/, '')}?box=${BOX}&key=${encodeURIComponent(key)}`);
  });

  it('500 presses from one box leave one open alert', async () => {
    const pressIds = Array.from({ length: 500 }, () => randomUUID());
    const answers = await Promise.all(pressIds.map((pressId) => kiosk.request('box.press', { kind: 'emergency', pressId }, 20_000)));
    const acknowledged = pressIds.filter((_, i) => answers[i]!.ok);
    const refused = answers.filter((a) => !a.ok);
    assert.equal(acknowledged.length, LIMIT.presses, 'the box’s share of presses in one window');
    assert.equal(refused.length, 500 - LIMIT.presses);
    for (const answer of refused) {
      assert.equal(answer.error?.code, 'LimitReached');
      // Two defences answer a flood: the box's press limit, and first the socket's own backlog.
      assert.match(answer.error!.message, /call box box-flood pressed 10 times within 4 s .*send this press again in \d s|requests already wait on this socket/);
    }
    assert.ok(refused.some((a) => /pressed 10 times/.test(a.error!.message)), 'the press limit itself refused some');
    const alertIds = new Set(answers.filter((a) => a.ok).map((a) => a.result.alert.id as string));
    assert.equal(alertIds.size, 1, 'every acknowledged press got the same alert');
    const [alertId] = [...alertIds];

    const open = (await operator.ok('alerts.list', {})).alerts as { id: string; boxId: string; state: string }[];
    assert.deepEqual(open.filter((a) => a.boxId === BOX).map((a) => [a.id, a.state]), [[alertId, 'ringing']]);
    const rings = operator.frames.filter((f) => f.event === 'alert.changed' && (f.data as { id: string }).id === alertId);
    assert.equal(rings.length, 1, 'one ring, not one per press');

    // Every acknowledged press is on the alert's record, exactly once; no refused one is.
    const recorded = suite.stored.audit
      .list({ limit: 1000, target: `alert:${alertId}` })
      .filter((e) => e.action === 'alert.ring' || e.action === 'alert.pressAgain')
      .map((e) => (e.detail as { pressId: string }).pressId);
    assert.deepEqual([...recorded].sort(), [...acknowledged].sort());
  });

  it('an acknowledged press resent over the limit is answered, not refused, and counts once', async () => {
    const alert = suite.stored.alerts.currentForBox(BOX)!;
    const resent = suite.stored.audit.list({ limit: 1, target: `alert:${alert.id}` })[0]!.detail as { pressId: string };
    const again = await kiosk.request('box.press', { kind: 'emergency', pressId: resent.pressId });
    assert.equal(again.ok, true, JSON.stringify(again.error));
    assert.equal(again.result.alert.id, alert.id);
    const fresh = await kiosk.request('box.press', { kind: 'emergency', pressId: randomUUID() });
    assert.equal(fresh.error?.code, 'LimitReached', 'a fresh press is still over the limit');
    const lines = suite.stored.audit.list({ limit: 1000, target: `alert:${alert.id}` });
    assert.equal(lines.filter((e) => (e.detail as { pressId?: string } | undefined)?.pressId === resent.pressId).length, 1);
  });

  it('an emergency then a panic leave one alert, kind panic, even over the limit', async () => {
    const alert = suite.stored.alerts.currentForBox(BOX)!;
    const panic = await kiosk.request('box.press', { kind: 'panic', pressId: randomUUID() });
    assert.equal(panic.ok, true, JSON.stringify(panic.error));
    assert.deepEqual([panic.result.alert.id, panic.result.alert.kind], [alert.id, 'panic']);
    await operator.waitFrame(
      (f) => f.event === 'alert.changed' && f.data.id === alert.id && f.data.kind === 'panic',
      'the console hears of the upgrade',
    );
    const open = (await operator.ok('alerts.list', {})).alerts as { id: string; boxId: string; kind: string }[];
    assert.deepEqual(open.filter((a) => a.boxId === BOX).map((a) => [a.id, a.kind]), [[alert.id, 'panic']]);
    const upgrades = suite.stored.audit.list({ limit: 1000, target: `alert:${alert.id}` }).filter((e) => e.action === 'alert.upgrade');
    assert.equal(upgrades.length, 1);
  });

  it('a refused press sent again once the window has passed joins the open alert', async () => {
    const alert = suite.stored.alerts.currentForBox(BOX)!;
    const pressId = randomUUID();
    const refused = await kiosk.request('box.press', { kind: 'emergency', pressId });
    assert.equal(refused.error?.code, 'LimitReached');
    await new Promise((resolve) => setTimeout(resolve, LIMIT.windowMs + 200));
    const retried = await kiosk.request('box.press', { kind: 'emergency', pressId });
    assert.equal(retried.ok, true, JSON.stringify(retried.error));
    assert.equal(retried.result.alert.id, alert.id);
    const joined = suite.stored.audit.list({ limit: 1000, target: `alert:${alert.id}` }).filter((e) => e.action === 'alert.pressAgain');
    assert.equal(joined.filter((e) => (e.detail as { pressId: string }).pressId === pressId).length, 1);
    assert.equal(suite.stored.alerts.list().filter((a) => a.boxId === BOX).length, 1);
  });
});
