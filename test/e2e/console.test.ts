import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { logIn } from '../support/console-login.js';
import { TestClient } from '../support/ws-client.js';
import { demoPageForSuite } from './engine-fixture.js';
import type { EngineFile } from '../support/engine-stores.js';
import { readTiles } from '../support/tiles.js';
import { waitFor } from '../support/wait.js';

describe('operator console (demo site, real Chromium)', () => {
  let engine: SiteEngine;
  let page: Page;
  let stored: EngineFile;
  demoPageForSuite((demo) => ({ engine, page, stored } = demo), (e) => e.consoleUrl());
  // The site token opens only the login: cameras and video come after the operator has logged in.
  before(async () => {
    await logIn(page, 'asha', engine.demoPassword('asha'));
    await page.getByTestId('grid-size-4').click();
  });

  const listedIds = (): Promise<string[]> =>
    page.$$eval('[data-testid="camera-item"]', (items) => items.map((i) => i.getAttribute('data-camera-id') ?? ''));

  it('the token is taken out of the address bar', async () => {
    await page.waitForSelector('[data-testid="camera-item"]');
    assert.ok(!page.url().includes('token='), page.url());
  });

  it('finds cameras by name, by place and by category', async () => {
    await page.getByTestId('camera-search').fill('llr');
    await waitFor('name search', 5000, async () => ((await listedIds()).join() === 'hospital-llr-emergency' ? true : undefined));
    await page.getByTestId('camera-search').fill('panki');
    await waitFor('place search', 5000, async () => {
      const ids = await listedIds();
      return ids.length === 2 && ids.every((id) => id.startsWith('industrial-panki')) ? true : undefined;
    });
    await page.getByTestId('camera-search').fill('');
    await page.getByTestId('camera-category').selectOption('atm');
    await waitFor('category filter', 5000, async () => {
      const ids = await listedIds();
      return ids.length === 8 && ids.every((id) => id.startsWith('atm-')) ? true : undefined;
    });
  });

  it('a clicked camera goes live on a tile, showing its name', async () => {
    await page.locator('[data-testid="camera-item"][data-camera-id="atm-sbi-ghantaghar"]').click();
    const tile = await waitFor('clicked camera live', 15_000, async () =>
      (await readTiles(page)).find((t) => t.cameraId === 'atm-sbi-ghantaghar' && t.state === 'live' && t.framesDecoded > 0),
    );
    const text = await page.locator(`[data-testid="tile"][data-tile-index="${tile.index}"]`).innerText();
    assert.match(text, /SBI ATM Ghantaghar/);
  });

  it('a camera dragged onto a tile goes live there', async () => {
    await page.getByTestId('camera-category').selectOption('');
    await page.getByTestId('camera-search').fill('jajmau tanneries');
    const item = page.locator('[data-testid="camera-item"][data-camera-id="industrial-jajmau-tanneries"]');
    await item.dragTo(page.locator('[data-testid="tile"][data-tile-index="3"]'));
    await waitFor('dragged camera live on tile 3', 15_000, async () =>
      (await readTiles(page)).find((t) => t.index === 3 && t.cameraId === 'industrial-jajmau-tanneries' && t.state === 'live' && t.framesDecoded > 0),
    );
  });

  it('an H.265 camera says so on its tile instead of showing black', async () => {
    await page.getByTestId('camera-search').fill('7701');
    await page.locator('[data-testid="camera-item"][data-camera-id="bus-up78-7701-front"]').dragTo(
      page.locator('[data-testid="tile"][data-tile-index="2"]'),
    );
    await waitFor('unsupported tile', 10_000, async () =>
      (await readTiles(page)).find((t) => t.index === 2 && t.state === 'unsupported'),
    );
    assert.match(await page.locator('[data-testid="tile"][data-tile-index="2"]').innerText(), /H\.265/);
  });

  it('sending the grid to the wall changes the wall layout in the engine', async () => {
    await page.getByTestId('send-to-wall').click();
    await waitFor('wall layout stored', 5000, async () => {
      const tiles = await fetchLayout();
      return tiles?.includes('industrial-jajmau-tanneries') ? true : undefined;
    });
  });

  it('a media worker killed under the console: one line says media restarted, and the tiles play on', async () => {
    const live = (await readTiles(page)).filter((t) => t.state === 'live');
    process.kill(engine.internalsForTests.sfu.health().workers[0]!.pid!, 'SIGKILL');
    const line = page.getByTestId('media-restarted');
    await line.waitFor({ timeout: 5000 });
    assert.match(await line.innerText(), /Media restarted .*media worker 0/);
    await waitFor('the tiles live again', 10_000, async () => {
      const tiles = await readTiles(page);
      return live.every((before) => tiles.some((t) => t.cameraId === before.cameraId && t.state === 'live' && t.framesDecoded > before.framesDecoded)) || undefined;
    });
    const audit = stored.audit.list({ limit: 5, target: 'media worker 0' });
    assert.equal(audit[0]?.action, 'media.restarted');
  });

  async function fetchLayout(): Promise<(string | null)[] | undefined> {
    const client = await TestClient.connect(engine.wsUrl());
    try {
      await client.ok('session.login', { username: 'ravi', password: engine.demoPassword('ravi') });
      return (await client.request('wall.get', { wallId: 'main', displayId: '1' })).result?.tiles;
    } finally {
      client.close();
    }
  }
});
