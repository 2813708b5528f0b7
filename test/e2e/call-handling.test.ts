// An operator's call handling in Chromium with fake cameras and microphones: a panic call rings
// while she is on an emergency call and one click switches (the first is held, never dropped);
// she resumes it afterwards; a box that drops off mid-call is called back; and a call nobody
// answers escalates to the supervisor, who answers it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { launchChromium } from '../support/chromium.js';
import { logIn } from '../support/console-login.js';
import { startDemoEngine } from './engine-fixture.js';
import { until } from '../support/wait.js';
import type { EngineFile } from '../support/engine-stores.js';

const EMERGENCY_BOX = 'box-iit-gate';
const PANIC_BOX = 'box-ghantaghar';
const UNANSWERED_BOX = 'box-rambagh';
const ESCALATE_AFTER_MS = 4_000;

const row = (page: Page, boxId: string) => page.locator(`[data-testid="alert-row"][data-box-id="${boxId}"]`);
const kioskState = (page: Page) => page.getByTestId('kiosk-state').getAttribute('data-state');
const framesDecoded = async (page: Page): Promise<number> =>
  Number((await page.getByTestId('call-remote-video').first().getAttribute('data-frames-decoded').catch(() => null)) ?? 0);

describe('call handling at the console, in Chromium', () => {
  let engine: SiteEngine;
  let stored: EngineFile;
  let cleanup: () => Promise<void>;
  let browser: Browser;
  let asha: Page;
  let vikram: Page;
  const kiosks: Record<string, Page> = {};

  const openPage = async (url: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['camera', 'microphone'], { origin: engine.baseUrl });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(url);
    return page;
  };
  const openKiosk = async (boxId: string): Promise<Page> => {
    const page = await openPage(engine.kioskUrl(boxId));
    await page.getByTestId('kiosk-state').waitFor();
    kiosks[boxId] = page;
    return page;
  };
  const state = (boxId: string): string | undefined => stored.alerts.list().find((a) => a.boxId === boxId)?.state;

  before(async () => {
    ({ engine, stored, cleanup } = await startDemoEngine({ escalateAfterMs: ESCALATE_AFTER_MS }));
    browser = await launchChromium();
    [asha, vikram] = await Promise.all([openPage(engine.consoleUrl()), openPage(engine.consoleUrl())]);
    await logIn(asha, 'asha', engine.demoPassword('asha'));
    await logIn(vikram, 'vikram', engine.demoPassword('vikram'));
    await Promise.all([EMERGENCY_BOX, PANIC_BOX].map(openKiosk));
  });

  after(async () => {
    await browser?.close();
    await cleanup?.();
  });

  it('a panic call rings during an emergency call; one click holds the first and answers the panic', async () => {
    await kiosks[EMERGENCY_BOX]!.getByTestId('kiosk-emergency').click();
    await row(asha, EMERGENCY_BOX).getByTestId('alert-answer').click();
    await until('emergency answered at the kiosk', 10_000, async () => (await kioskState(kiosks[EMERGENCY_BOX]!)) === 'answered');

    await kiosks[PANIC_BOX]!.getByTestId('kiosk-panic').click();
    const banner = asha.getByTestId('ring-banner');
    await until('the busy operator hears the panic', 5_000, async () => (await banner.getAttribute('data-kind').catch(() => null)) === 'panic');
    await banner.getByTestId('ring-answer').click();
    await until('panic answered, emergency held', 5_000, async () => state(PANIC_BOX) === 'answered' && state(EMERGENCY_BOX) === 'on_hold');
    await until('the held box says so', 5_000, async () => (await kioskState(kiosks[EMERGENCY_BOX]!)) === 'on_hold');
    await until('panic kiosk decodes the operator', 20_000, async () => (await framesDecoded(kiosks[PANIC_BOX]!)) > 10);
  });

  it('after the panic call ends, the held call resumes with media again', async () => {
    await row(asha, PANIC_BOX).getByTestId('alert-hangup').click();
    await until('panic ended', 5_000, async () => state(PANIC_BOX) === 'ended');
    await row(asha, EMERGENCY_BOX).getByTestId('alert-resume').click();
    await until('emergency answered again', 5_000, async () => state(EMERGENCY_BOX) === 'answered');
    await until('kiosk connected again', 5_000, async () => (await kioskState(kiosks[EMERGENCY_BOX]!)) === 'answered');
    const before = await framesDecoded(asha);
    await until('operator decodes the box again', 20_000, async () => (await framesDecoded(asha)) > before + 10);
  });

  it('a box that drops off mid-call is called back, and the call connects again', async () => {
    await kiosks[EMERGENCY_BOX]!.context().close();
    await until('call dropped', 10_000, async () => state(EMERGENCY_BOX) === 'dropped');
    await until('the console shows the drop', 5_000, async () => (await row(asha, EMERGENCY_BOX).getAttribute('data-state')) === 'dropped');
    const kiosk = await openKiosk(EMERGENCY_BOX);
    await row(asha, EMERGENCY_BOX).getByTestId('alert-callback').click();
    await until('called back', 5_000, async () => state(EMERGENCY_BOX) === 'answered');
    await until('kiosk connected by the call-back', 10_000, async () => (await kioskState(kiosk)) === 'answered');
    await until('kiosk decodes the operator after the call-back', 20_000, async () => (await framesDecoded(kiosk)) > 10);
    const actions = stored.audit
      .list({ limit: 50, target: `alert:${stored.alerts.list().find((a) => a.boxId === EMERGENCY_BOX)!.id}` })
      .map((e) => e.action)
      .reverse();
    assert.deepEqual(actions, ['alert.ring', 'alert.answer', 'alert.hold', 'alert.resume', 'alert.drop', 'alert.callback']);
  });

  it('a call nobody answers escalates to the supervisor, who answers it', async () => {
    const kiosk = await openKiosk(UNANSWERED_BOX);
    const pressed = Date.now();
    await kiosk.getByTestId('kiosk-emergency').click();
    await until('escalated', ESCALATE_AFTER_MS + 5_000, async () => state(UNANSWERED_BOX) === 'escalated');
    assert.ok(Date.now() - pressed >= ESCALATE_AFTER_MS - 500, 'not before its time');
    await until('the supervisor sees it escalated', 5_000, async () => (await row(vikram, UNANSWERED_BOX).getAttribute('data-state')) === 'escalated');
    await row(vikram, UNANSWERED_BOX).getByTestId('alert-answer').click();
    await until('supervisor answered', 5_000, async () => stored.alerts.list().find((a) => a.boxId === UNANSWERED_BOX)?.operator === 'vikram');
    await until('kiosk connected to the supervisor', 10_000, async () => (await kioskState(kiosk)) === 'answered');
  });
});
