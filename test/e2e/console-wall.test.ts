// The console's wall map in real Chromium, with a 2×1 wall's two displays open as pages: the map
// shows what every wall tile shows now (changes by others included), a camera dragged from the list
// onto a wall tile and the selected tile sent to the wall go live on the display, the operator's
// grid dragged onto a display replaces it; control is taken and released from the console, and a
// preset tour started there steps the wall and stops.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { TestClient } from '../support/ws-client.js';
import { launchChromium } from '../support/chromium.js';
import { logIn } from '../support/console-login.js';
import { startDemoEngine } from './engine-fixture.js';
import { readTiles } from '../support/tiles.js';
import { waitFor } from '../support/wait.js';
import type { EngineFile } from '../support/engine-stores.js';

const WALL = 'ops';
const ATM = 'atm-sbi-ghantaghar';
const TANNERY = 'industrial-jajmau-tanneries';
const HOSPITAL = 'hospital-llr-emergency';

describe('the console\'s wall map (demo site, real Chromium)', () => {
  let engine: SiteEngine;
  let stored: EngineFile;
  let cleanup: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  let console_: Page;
  const displays = new Map<string, Page>();
  let ravi: TestClient;

  const mapTile = (displayId: string, index: number) =>
    console_.locator(`[data-testid="wall-map-tile"][data-display-id="${displayId}"][data-tile-index="${index}"]`);
  const mapShows = (displayId: string, index: number, cameraId: string): Promise<true> =>
    waitFor(`wall map ${displayId}/${index} showing ${cameraId || 'nothing'}`, 5000, async () =>
      (await mapTile(displayId, index).getAttribute('data-camera-id')) === cameraId ? true : undefined,
    );
  const displayPlays = (displayId: string, index: number, cameraId: string): Promise<true> =>
    waitFor(`display ${displayId} tile ${index} live on ${cameraId}`, 20_000, async () => {
      const tile = (await readTiles(displays.get(displayId)!)).find((t) => t.index === index);
      return tile?.cameraId === cameraId && tile.state === 'live' && tile.framesDecoded > 0 ? true : undefined;
    });
  const status = (): Promise<string> => console_.getByTestId('wall-send-status').innerText();
  const findCamera = async (query: string, cameraId: string) => {
    await console_.getByTestId('camera-search').fill(query);
    const item = console_.locator(`[data-testid="camera-item"][data-camera-id="${cameraId}"]`);
    await item.waitFor({ timeout: 5000 });
    return item;
  };

  before(async () => {
    ({ engine, stored, cleanup } = await startDemoEngine());
    const installer = await TestClient.connect(engine.wsUrl());
    await installer.ok('session.login', { username: 'neha', password: engine.demoPassword('neha') });
    await installer.ok('setup.saveWall', { id: WALL, name: 'Operations', columns: 2, rows: 1, display: { widthMm: 1210, heightMm: 680, bezelMm: 5 } });
    installer.close();
    ravi = await TestClient.connect(engine.wsUrl());
    await ravi.ok('session.login', { username: 'ravi', password: engine.demoPassword('ravi') });

    browser = await launchChromium();
    const wallContext = await browser.newContext({ viewport: { width: 480, height: 270 } });
    for (const displayId of ['1', '2']) {
      const page = await wallContext.newPage();
      page.on('pageerror', (error) => console.error(`display ${displayId} page error:`, error));
      await page.goto(engine.wallUrl(WALL, displayId));
      await page.locator('[data-testid="wall"][data-view="grid"]').waitFor({ timeout: 15_000 });
      displays.set(displayId, page);
    }
    console_ = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    console_.on('pageerror', (error) => console.error('console page error:', error));
    await console_.goto(engine.consoleUrl());
    await logIn(console_, 'asha', engine.demoPassword('asha'));
    await console_.getByTestId('grid-size-4').click();
    await console_.getByTestId('wall-choice').selectOption(WALL);
    await console_.locator(`[data-testid="wall-map"][data-wall-id="${WALL}"]`).waitFor({ timeout: 5000 });
  });

  after(async () => {
    ravi?.close();
    await browser?.close();
    await cleanup?.();
  });

  it('draws both displays with their four tiles each, and follows another operator\'s change live', async () => {
    assert.equal(await console_.locator('[data-testid="wall-map-display"]').count(), 2);
    assert.equal(await console_.locator('[data-testid="wall-map-tile"]').count(), 8);
    await ravi.ok('wall.setTile', { wallId: WALL, displayId: '1', index: 1, cameraId: HOSPITAL });
    await mapShows('1', 1, HOSPITAL);
    assert.match((await mapTile('1', 1).innerText()).trim(), /LLR/i, 'the map names the camera');
  });

  it('a camera dragged from the list onto a wall tile goes live on that display', async () => {
    await (await findCamera('ghantaghar', ATM)).dragTo(mapTile('2', 0));
    await mapShows('2', 0, ATM);
    await displayPlays('2', 0, ATM);
    assert.match(await status(), new RegExp(`Sent ${ATM} to display 2, tile 1`));
  });

  it('the selected tile of the operator\'s grid goes to the chosen wall tile, and the grid dragged onto a display replaces it', async () => {
    await (await findCamera('jajmau tanneries', TANNERY)).click();
    const own = await waitFor('own tile with the tannery', 10_000, async () => (await readTiles(console_)).find((t) => t.cameraId === TANNERY));
    await console_.locator(`[data-testid="tile"][data-tile-index="${own.index}"]`).click();
    await mapTile('2', 3).click();
    await console_.getByTestId('send-tile-to-wall').click();
    await mapShows('2', 3, TANNERY);
    await displayPlays('2', 3, TANNERY);

    await console_.getByTestId('wall-grid-chip').dragTo(mapTile('1', 2));
    const grid = (await readTiles(console_)).map((t) => t.cameraId || null);
    await waitFor('display 1 holding the operator grid', 5000, async () => {
      const layout = await ravi.ok('wall.get', { wallId: WALL, displayId: '1' });
      return JSON.stringify(layout.tiles) === JSON.stringify(grid) ? true : undefined;
    });
    await mapShows('1', 1, '');
    fs.mkdirSync('test-results', { recursive: true });
    await console_.screenshot({ path: path.join('test-results', 'console-wall-map.png') });
    const audit = stored.audit.list({ limit: 20, target: `wall:${WALL}/2` }).filter((e) => e.action === 'wall.setTile');
    assert.deepEqual(audit.map((e) => e.actor), ['operator:asha', 'operator:asha']);
  });

  it('control is taken and released from the console; while Ravi holds the wall, a drop is refused with his name', async () => {
    const control = console_.getByTestId('wall-control');
    await console_.getByTestId('wall-take-control').click();
    await waitFor('Asha holding the wall', 5000, async () => ((await control.getAttribute('data-holder')) === 'asha' ? true : undefined));
    assert.match(await control.innerText(), /You control this wall/);
    const refused = await ravi.request('wall.setTile', { wallId: WALL, displayId: '1', index: 0, cameraId: ATM });
    assert.equal(refused.error?.code, 'Conflict');
    await console_.getByTestId('wall-release-control').click();
    await waitFor('the wall free', 5000, async () => ((await control.getAttribute('data-holder')) === '' ? true : undefined));

    await ravi.ok('wall.takeControl', { wallId: WALL });
    await waitFor('Ravi shown holding the wall', 5000, async () => ((await control.getAttribute('data-holder')) === 'ravi' ? true : undefined));
    assert.match(await control.innerText(), /\(ravi\) controls this wall/);
    assert.equal(await console_.getByTestId('wall-take-control').isDisabled(), true);
    await (await findCamera('ghantaghar', ATM)).dragTo(mapTile('1', 3));
    await waitFor('the refusal shown', 5000, async () => (/Not sent: .*\(ravi\)/.test(await status()) ? true : undefined));
    await ravi.ok('wall.releaseControl', { wallId: WALL });
  });

  it('a tour of the wall\'s presets started from the console steps the wall every 3 s, and stops', async () => {
    await console_.getByTestId('wall-preset-name').fill('Day');
    await console_.getByTestId('wall-preset-save').click();
    await waitFor('Day saved', 5000, async () => (/Saved the wall as "Day"/.test(await console_.getByTestId('wall-preset-status').innerText()) ? true : undefined));
    await ravi.ok('wall.setTile', { wallId: WALL, displayId: '2', index: 0, cameraId: HOSPITAL });
    await mapShows('2', 0, HOSPITAL);
    await console_.getByTestId('wall-preset-name').fill('Night');
    await console_.getByTestId('wall-preset-save').click();
    await waitFor('Night saved', 5000, async () => (/"Night"/.test(await console_.getByTestId('wall-preset-status').innerText()) ? true : undefined));

    await console_.getByTestId('wall-tour-dwell').fill('3');
    await console_.getByTestId('wall-tour-presets').click();
    const tour = console_.getByTestId('wall-tour');
    await waitFor('the tour running', 5000, async () => ((await tour.getAttribute('data-running')) === 'true' ? true : undefined));
    assert.match(await tour.innerText(), /presets Day → Night, 3 s each/);
    // Step 1 recalls Day (ATM on 2/0), step 2 Night (the hospital): the map follows each.
    await mapShows('2', 0, ATM);
    await waitFor('the tour on Night', 8000, async () => ((await mapTile('2', 0).getAttribute('data-camera-id')) === HOSPITAL ? true : undefined));
    await console_.getByTestId('wall-tour-stop').click();
    await waitFor('the tour stopped', 5000, async () => ((await tour.getAttribute('data-running')) === 'false' ? true : undefined));
    const actions = stored.audit.list({ limit: 50, target: `wall:${WALL}` }).map((e) => `${e.action} ${e.actor}`);
    assert.ok(actions.includes('wall.startTour operator:asha'), actions.join('; '));
    assert.ok(actions.includes('wall.stopTour operator:asha'), actions.join('; '));
  });
});
