// The engine restarts while a panic call rings unanswered, and a second press is made on the
// kiosk while the engine is down: after the restart the ringing call keeps its place and its
// original time, and the offline press (kept by the kiosk until the engine confirmed it)
// arrives exactly once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { SiteEngine } from '../../main/engine/node/site-engine.js';
import { launchChromium } from '../support/chromium.js';
import { openEngineFile, type EngineFile } from '../support/engine-stores.js';
import { waitFor } from '../support/wait.js';

const BOX = 'box-rambagh';

describe('a kiosk across an engine restart', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-kiosk-restart-'));
  const token = 'kiosk-restart-token';
  let engine: SiteEngine | undefined;
  let stored: EngineFile | undefined;
  let browser: Browser | undefined;

  after(async () => {
    await browser?.close();
    stored?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the ringing call with its original time and delivers the offline press once', async () => {
    engine = await SiteEngine.create({ dataDir, port: 0, demo: true, token });
    const port = Number(new URL(engine.baseUrl).port);
    const file = await openEngineFile(dataDir);
    stored = file;
    browser = await launchChromium();
    const context = await browser.newContext();
    await context.grantPermissions(['camera', 'microphone'], { origin: engine.baseUrl });
    const kiosk = await context.newPage();
    await kiosk.goto(engine.kioskUrl(BOX));
    const state = kiosk.getByTestId('kiosk-state');
    await kiosk.getByTestId('kiosk-panic').click();
    await waitFor('panic ringing', 5000, async () => ((await state.getAttribute('data-state')) === 'ringing' ? true : undefined));
    const ringing = file.alerts.currentForBox(BOX)!;

    await engine.close();
    engine = undefined;
    await kiosk.getByTestId('kiosk-emergency').click();
    await waitFor('press held by the kiosk', 5000, async () => ((await state.getAttribute('data-pending-presses')) === '1' ? true : undefined));

    engine = await SiteEngine.create({ dataDir, port, demo: true, token });
    await waitFor('offline press delivered', 20_000, async () => ((await state.getAttribute('data-pending-presses')) === '0' ? true : undefined));
    // Give a duplicate every chance to arrive before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const open = file.alerts.list().filter((a) => a.boxId === BOX);
    assert.deepEqual(
      open.map((a) => a.kind),
      ['panic', 'emergency'],
    );
    assert.equal(open[0]!.id, ringing.id);
    assert.equal(open[0]!.raisedAt, ringing.raisedAt);
    assert.ok(open[0]!.state === 'ringing' || open[0]!.state === 'escalated');
  });
});
