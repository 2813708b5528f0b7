// The engine restarts while a panic call rings unanswered, and a second press is made on the
// kiosk while the engine is down: after the restart the ringing call keeps its place and its
// original time, and the offline press (kept by the kiosk until the engine confirmed it)
// arrives exactly once, joining the box's one open call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitFor } from '../support/wait.js';
import { RestartingDemo } from './engine-fixture.js';

const BOX = 'box-rambagh';

describe('a kiosk across an engine restart', () => {
  const demo = RestartingDemo.forSuite();

  it('keeps the ringing call with its original time and joins the offline press to it once', async () => {
    const { engine, browser } = await demo.open();
    const file = await demo.file();
    const context = await browser.newContext();
    await context.grantPermissions(['camera', 'microphone'], { origin: engine.baseUrl });
    const kiosk = await context.newPage();
    await kiosk.goto(engine.kioskUrl(BOX));
    const state = kiosk.getByTestId('kiosk-state');
    await kiosk.getByTestId('kiosk-panic').click();
    await waitFor('panic ringing', 5000, async () => ((await state.getAttribute('data-state')) === 'ringing' ? true : undefined));
    assert.equal(await kiosk.getByTestId('kiosk-panic').getAttribute('data-pressed'), 'true');
    assert.equal(await kiosk.getByTestId('kiosk-emergency').getAttribute('data-pressed'), 'false');
    const ringing = file.alerts.currentForBox(BOX)!;

    await demo.stop();
    await kiosk.getByTestId('kiosk-emergency').click();
    await waitFor('press held by the kiosk', 5000, async () => ((await state.getAttribute('data-pending-presses')) === '1' ? true : undefined));

    await demo.start();
    await waitFor('offline press delivered', 20_000, async () => ((await state.getAttribute('data-pending-presses')) === '0' ? true : undefined));
    // Give a duplicate every chance to arrive before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const open = file.alerts.list().filter((a) => a.boxId === BOX);
    assert.deepEqual(
      open.map((a) => a.kind),
      ['panic'],
      'one open alert per box: the emergency press joined the panic call',
    );
    const joined = file.audit.list({ limit: 100, target: `alert:${ringing.id}` }).filter((e) => e.action === 'alert.pressAgain');
    assert.deepEqual(
      joined.map((e) => (e.detail as { kind: string }).kind),
      ['emergency'],
    );
    assert.equal(await kiosk.getByTestId('kiosk-panic').getAttribute('data-pressed'), 'true', 'the kiosk still shows panic');
    assert.equal(open[0]!.id, ringing.id);
    assert.equal(open[0]!.raisedAt, ringing.raisedAt);
    assert.ok(open[0]!.state === 'ringing' || open[0]!.state === 'escalated');
  });
});
