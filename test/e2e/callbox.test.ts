// A call from a street box to the control room, end to end in Debian's Chromium with fake
// cameras and microphones: kiosks press, consoles ring, one operator answers, media flows both
// ways, the call is hung up and closed with an outcome, and the store and audit hold each step.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { launchChromium } from '../support/chromium.js';
import { logIn } from '../support/console-login.js';
import { startDemoEngine } from './engine-fixture.js';
import { until } from '../support/wait.js';
import type { EngineFile } from '../support/engine-stores.js';

const PANIC_BOX = 'box-ghantaghar';
const EMERGENCY_BOX = 'box-iit-gate';

async function mediaContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.grantPermissions(['camera', 'microphone'], { origin });
  return context;
}

async function numberAttr(page: Page, testId: string, attr: string): Promise<number> {
  const value = await page.getByTestId(testId).first().getAttribute(attr).catch(() => null);
  return Number(value ?? 0);
}

describe('call box to control room, in Chromium', () => {
  let engine: SiteEngine;
  let stored: EngineFile;
  let cleanup: () => Promise<void>;
  let browser: Browser;
  const pages: Record<string, Page> = {};

  before(async () => {
    ({ engine, stored, cleanup } = await startDemoEngine());
    browser = await launchChromium();
    const open = async (name: string, url: string): Promise<Page> => {
      const page = await (await mediaContext(browser, engine.baseUrl)).newPage();
      page.on('pageerror', (error) => console.error(`${name} page error:`, error));
      await page.goto(url);
      pages[name] = page;
      return page;
    };
    await Promise.all([
      open('asha', engine.consoleUrl()),
      open('ravi', engine.consoleUrl()),
      open('panicKiosk', engine.kioskUrl(PANIC_BOX)),
      open('emergencyKiosk', engine.kioskUrl(EMERGENCY_BOX)),
    ]);
    for (const name of ['asha', 'ravi']) await logIn(pages[name]!, name, engine.demoPassword(name));
    for (const kiosk of [pages.panicKiosk!, pages.emergencyKiosk!]) {
      await kiosk.getByTestId('kiosk-state').waitFor();
    }
  });

  after(async () => {
    await browser?.close();
    await cleanup?.();
  });

  it('panic pressed while an emergency rings: both consoles ring within a second, panic on top', async () => {
    await pages.emergencyKiosk!.getByTestId('kiosk-emergency').click();
    await until('emergency ringing', 5000, async () => (await pages.asha!.getByTestId('alert-row').count()) === 1);
    // Pressed again: the button already says pressed, and the engine joins the press to the one call.
    const emergencyButton = pages.emergencyKiosk!.getByTestId('kiosk-emergency');
    await until('the kiosk shows EMERGENCY pressed', 3000, async () => (await emergencyButton.getAttribute('data-pressed')) === 'true');
    await emergencyButton.click();
    await until('the second press delivered', 5000, async () => (await pages.emergencyKiosk!.getByTestId('kiosk-state').getAttribute('data-pending-presses')) === '0');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await pages.asha!.getByTestId('alert-row').count(), 1, 'no second alert');
    const pressed = Date.now();
    await pages.panicKiosk!.getByTestId('kiosk-panic').click();
    await Promise.all(
      [pages.asha!, pages.ravi!].map((page) =>
        page.locator('[data-testid="alert-row"][data-kind="panic"]').waitFor({ timeout: 1000 }),
      ),
    );
    assert.ok(Date.now() - pressed <= 1500, `rang after ${Date.now() - pressed} ms`);
    for (const page of [pages.asha!, pages.ravi!]) {
      assert.equal(await page.getByTestId('ring-banner').getAttribute('data-kind'), 'panic');
      const kinds = await page.getByTestId('alert-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
      assert.deepEqual(kinds, ['panic', 'emergency']);
    }
    assert.equal(await pages.panicKiosk!.getByTestId('kiosk-state').getAttribute('data-state'), 'ringing');
  });

  it('one operator answers; the other sees who took it; video and audio flow both ways', async () => {
    const panicRow = (page: Page) => page.locator('[data-testid="alert-row"][data-kind="panic"]');
    await panicRow(pages.asha!).getByTestId('alert-answer').click();
    await until('Ravi sees Asha took it', 3000, async () => (await panicRow(pages.ravi!).getAttribute('data-operator')) === 'asha');
    await until('kiosk connected', 5000, async () => (await pages.panicKiosk!.getByTestId('kiosk-state').getAttribute('data-state')) === 'answered');
    for (const [name, page] of [['console', pages.asha!], ['kiosk', pages.panicKiosk!]] as const) {
      await until(`${name} decodes the other side's video`, 15_000, async () => (await numberAttr(page, 'call-remote-video', 'data-frames-decoded')) > 10);
      await until(`${name} receives the other side's audio`, 15_000, async () => (await numberAttr(page, 'call-remote-audio', 'data-packets-received')) > 20);
    }
    const alert = stored.alerts.list().find((a) => a.boxId === PANIC_BOX)!;
    assert.equal(alert.state, 'answered');
    assert.equal(alert.operator, 'asha');
    // The wall shows the incident: the box's own camera first.
    assert.equal(stored.cameras.get(alert.incidentCameras[0]!)?.category, 'call_box');
  });

  it('hang-up and close with an outcome; the store and the audit hold every step', async () => {
    const row = pages.asha!.locator('[data-testid="alert-row"][data-kind="panic"]');
    const alertId = (await row.getAttribute('data-alert-id'))!;
    await row.getByTestId('alert-hangup').click();
    await until('ended', 3000, async () => stored.alerts.get(alertId)?.state === 'ended');
    await row.getByTestId('alert-close').click();
    const dialog = pages.asha!.getByTestId('outcome-dialog');
    await dialog.getByTestId('outcome-select').selectOption('valid');
    await dialog.getByTestId('outcome-note').fill('Woman followed near the clock tower; PCR van sent');
    await dialog.getByTestId('outcome-submit').click();
    await until('closed', 3000, async () => stored.alerts.get(alertId)?.state === 'closed');
    assert.equal(stored.alerts.get(alertId)?.outcome, 'valid');
    const actions = stored.audit
      .list({ limit: 50, target: `alert:${alertId}` })
      .map((e) => `${e.action} ${e.actor}`)
      .reverse();
    assert.deepEqual(actions, [
      `alert.ring box:${PANIC_BOX}`,
      'alert.answer operator:asha',
      'alert.hangup operator:asha',
      'alert.close operator:asha',
    ]);
    // The emergency is still waiting, and still ringing on both consoles.
    await pages.ravi!.locator('[data-testid="alert-row"][data-kind="panic"]').waitFor({ state: 'detached', timeout: 3000 });
    assert.equal(await pages.ravi!.getByTestId('ring-banner').getAttribute('data-kind'), 'emergency');
  });
});
