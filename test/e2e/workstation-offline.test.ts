// Offline resilience in Chromium: a console on a workstation engine shows two cameras while
// relayed to the site; the site process is killed with SIGKILL. The console says the site is
// unreachable, its tiles play on (never black: the last picture stays until the workstation's own
// pull of each camera shows a frame), and the
// operator acknowledges the open alert; when the site is started again the acknowledgement
// reaches it exactly once and the console is back on the site.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { openDatabase } from '../../main/engine/node/store/database.js';
import { CameraSimulator, mediaPath, MEDIA_CLIPS } from '../../sim/index.js';
import { killSite, kioskUrl, OPERATOR, seedSite, startSite, startWorkstation, type SeededSite } from '../support/site-process.js';
import { TestClient } from '../support/ws-client.js';
import { launchChromium } from '../support/chromium.js';
import { logIn } from '../support/console-login.js';
import { readTiles, tileLuminance } from '../support/tiles.js';
import { waitFor } from '../support/wait.js';

const CAMERAS = ['cam-a', 'cam-b'];

async function bothLive(page: Page, newerThan: Map<number, number> = new Map()): Promise<true | undefined> {
  const tiles = (await readTiles(page)).filter((t) => t.cameraId !== '');
  return tiles.length === CAMERAS.length && tiles.every((t) => t.state === 'live' && t.framesDecoded > (newerThan.get(t.index) ?? 0)) ? true : undefined;
}

describe('a console on a workstation when the site server is killed', () => {
  let sim: CameraSimulator;
  let site: SeededSite;
  let workstation: SiteEngine;
  let browser: Browser;

  before(async () => {
    sim = await CameraSimulator.create({ port: 0, cameras: CAMERAS.map((id) => ({ id, main: mediaPath(MEDIA_CLIPS.main720Gop2) })) });
    site = await seedSite(
      CAMERAS.map((id, i) => ({ id, name: `Junction ${id}`, category: 'market', lat: 26.46 + i / 100, lon: 80.35, mainUrl: sim.url(id, 'main') })),
    );
    await startSite(site);
    workstation = await startWorkstation(site);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await workstation?.close();
    await killSite(site);
    await sim?.close();
  });

  it('keeps the tiles playing, says so, and delivers the acknowledgement once the site is back', async () => {
    await waitFor('workstation following the site', 10_000, async () => (workstation.internalsForTests.workstation!.workstation.siteMode ? true : undefined));
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(workstation.consoleUrl());
    await logIn(page, OPERATOR.username, OPERATOR.password);
    await page.getByTestId('grid-size-4').click();
    for (const id of CAMERAS) await page.locator(`[data-testid="camera-item"][data-camera-id="${id}"]`).click();
    await waitFor('both cameras live through the site', 20_000, () => bothLive(page));

    const kiosk = await TestClient.connect(kioskUrl(site));
    const press = await kiosk.request('box.press', { kind: 'emergency', pressId: randomUUID() });
    kiosk.close();
    const alertId = press.result.alert.id as string;
    const ack = page.getByTestId(`alert-ack-${alertId}`);
    await ack.waitFor({ timeout: 10_000 });

    // Kill the site and watch the tiles: sampled every 200 ms until both play new frames again.
    const before = new Map((await readTiles(page)).map((t) => [t.index, t.framesDecoded]));
    const killedAt = Date.now();
    await killSite(site);
    let darkSamples = 0;
    let samples = 0;
    await waitFor('both tiles playing again from the workstation', 20_000, async () => {
      samples++;
      if ((await tileLuminance(page)).slice(0, CAMERAS.length).some((l) => l < 5)) darkSamples++;
      return bothLive(page, before);
    });
    const gapMs = Date.now() - killedAt;
    const banner = page.getByTestId('site-status');
    assert.equal(await banner.getAttribute('data-mode'), 'local');
    assert.match(await banner.innerText(), /SITE SERVER UNREACHABLE/);
    console.log(`site killed → both tiles playing again: ${gapMs} ms; dark samples ${darkSamples} of ${samples}`);
    // Never black in between: each tile keeps its last picture until the workstation's own pull shows a frame.
    assert.equal(darkSamples, 0, `${darkSamples} of ${samples} samples showed a black tile`);
    assert.ok(samples >= 5, 'sampled through the gap');

    // The operator acknowledges offline: shown at once, counted as waiting.
    await ack.click();
    await page.getByTestId(`alert-acked-${alertId}`).waitFor({ timeout: 5_000 });
    await waitFor('one action waiting', 5_000, async () => ((await banner.getAttribute('data-pending')) === '1' ? true : undefined));

    // The site comes back: outbox delivered, the console relayed to the site again, still logged in.
    await startSite(site);
    await waitFor('banner gone', 20_000, async () => ((await page.getByTestId('site-status').count()) === 0 ? true : undefined));
    await page.locator('[data-testid="operator"][data-logged-in="true"]').waitFor({ timeout: 10_000 });
    await page.getByTestId(`alert-acked-${alertId}`).waitFor({ timeout: 10_000 });
    await waitFor('both cameras live through the site again', 20_000, () => bothLive(page));

    await killSite(site);
    const db = openDatabase(path.join(site.dataDir, 'engine.sqlite'));
    try {
      const acks = db.prepare("SELECT actor FROM audit_log WHERE action = 'alert.acknowledge' AND target = ?").all(`alert:${alertId}`) as { actor: string }[];
      assert.equal(acks.length, 1, JSON.stringify(acks));
      assert.match(acks[0]!.actor, /asha via workstation:ws-1/);
      const stored = db.prepare('SELECT acknowledged_by FROM alerts WHERE id = ?').get(alertId) as { acknowledged_by: string };
      assert.equal(stored.acknowledged_by, 'asha');
    } finally {
      db.close();
    }
  });
});
