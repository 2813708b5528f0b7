// A 2×2 wall as four Chromium pages, one per display: a preset recall changes all four, and one
// camera spanning the top row shows on both top displays, each its own half, decoding on both.
// Small pages (the sub stream) and five cameras: four pages decode at once on a small machine.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { TestClient } from '../support/ws-client.js';
import { launchChromium } from '../support/chromium.js';
import { startDemoEngine } from './engine-fixture.js';
import { readTiles } from '../support/tiles.js';
import { waitFor } from '../support/wait.js';

const WALL = 'ops';
const DISPLAYS = ['1', '2', '3', '4'] as const;
const VIEWPORT = { width: 480, height: 270 };

describe('a 2x2 wall as four pages (demo site, real Chromium)', () => {
  let engine: SiteEngine;
  let cleanup: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  const clients: TestClient[] = [];
  let operator: TestClient;
  const pages = new Map<string, Page>();
  /** Five demo cameras: A shows the first four, B the same four moved one display on, the span the fifth. */
  let cams: string[] = [];

  const connect = async (username: string): Promise<TestClient> => {
    const client = await TestClient.connect(engine.wsUrl());
    clients.push(client);
    const login = await client.request('session.login', { username, password: engine.demoPassword(username) });
    assert.equal(login.ok, true, JSON.stringify(login.error));
    return client;
  };
  const page = (displayId: string): Page => pages.get(displayId)!;

  /** Every display's page shows `expected[i]` on its one tile, live and decoding. */
  const waitShown = async (what: string, expected: readonly string[], timeoutMs = 20_000): Promise<void> => {
    await Promise.all(
      DISPLAYS.map((displayId, i) =>
        waitFor(`display ${displayId} showing ${expected[i]} (${what})`, timeoutMs, async () => {
          const tiles = await readTiles(page(displayId));
          const tile = tiles.length === 1 ? tiles[0]! : undefined;
          return tile !== undefined && tile.cameraId === expected[i] && tile.state === 'live' && tile.framesDecoded > 0 ? true : undefined;
        }),
      ),
    );
  };

  before(async () => {
    ({ engine, cleanup } = await startDemoEngine());
    const installer = await connect('neha');
    operator = await connect('asha');
    await installer.ok('setup.saveWall', { id: WALL, name: 'Operations', columns: 2, rows: 2, display: { widthMm: 1210, heightMm: 680, bezelMm: 0 } });
    const demoWall = await operator.ok('wall.get', { wallId: 'main', displayId: '1' });
    cams = (demoWall.tiles as (string | null)[]).filter((id): id is string => id !== null).slice(0, 5);
    assert.equal(cams.length, 5);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: VIEWPORT });
    for (const displayId of DISPLAYS) {
      const p = await context.newPage();
      p.on('pageerror', (error) => console.error(`display ${displayId} page error:`, error));
      await p.goto(engine.wallUrl(WALL, displayId));
      await p.locator('[data-testid="wall"][data-view="grid"]').waitFor({ timeout: 15_000 });
      pages.set(displayId, p);
    }
  });

  after(async () => {
    for (const client of clients) client.close();
    await browser?.close();
    await cleanup?.();
  });

  const presetA = (): string[] => cams.slice(0, 4);
  const presetB = (): string[] => [cams[1]!, cams[2]!, cams[3]!, cams[0]!];

  it('recalling preset A then preset B changes all four displays to each preset\'s cameras', async () => {
    for (const [name, shown] of [['A', presetA()], ['B', presetB()]] as const) {
      for (const [i, displayId] of DISPLAYS.entries()) {
        await operator.ok('wall.set', { wallId: WALL, displayId, grid: 1, tiles: [shown[i]] });
      }
      await operator.ok('wall.savePreset', { wallId: WALL, name });
    }
    await waitShown('B set by hand', presetB(), 30_000);

    for (const [name, shown] of [['A', presetA()], ['B', presetB()]] as const) {
      const recalledAt = Date.now();
      assert.deepEqual(await operator.ok('wall.recallPreset', { wallId: WALL, name }), { missingCameras: [] });
      await waitShown(`preset ${name}`, shown);
      console.log(`# preset ${name}: all 4 displays live on their new cameras ${Date.now() - recalledAt} ms after the recall`);
      for (const [i, displayId] of DISPLAYS.entries()) {
        const tiles = await readTiles(page(displayId));
        assert.deepEqual(tiles.map((t) => t.cameraId), [shown[i]], `display ${displayId} after preset ${name}`);
      }
    }
  });

  it('one camera spanning the top row shows on both top displays, left and right half, decoding on both', async () => {
    const spanned = cams[4]!;
    const setAt = Date.now();
    await operator.ok('wall.setSpans', { wallId: WALL, spans: [{ cameraId: spanned, col: 0, row: 0, cols: 2, rows: 1 }] });

    const halves = { '1': '0,0,0.5,1', '2': '0.5,0,0.5,1' } as const;
    for (const [displayId, crop] of Object.entries(halves)) {
      const span = page(displayId).locator('[data-testid="wall-span"]');
      await span.waitFor({ timeout: 10_000 });
      assert.equal(await span.getAttribute('data-camera-id'), spanned, `display ${displayId} shows the spanned camera`);
      assert.equal(await span.getAttribute('data-crop'), crop, `display ${displayId} crop`);
    }
    // Both halves decode the same camera.
    await Promise.all(
      Object.keys(halves).map((displayId) =>
        waitFor(`display ${displayId} decoding ${spanned}`, 20_000, async () => {
          const tiles = await readTiles(page(displayId));
          const tile = tiles.length === 1 ? tiles[0]! : undefined;
          return tile?.cameraId === spanned && tile.state === 'live' && tile.framesDecoded > 0 && tile.frameWidth > 0 ? true : undefined;
        }),
      ),
    );
    console.log(`# span over the top row: both halves decoding ${Date.now() - setAt} ms after wall.setSpans`);

    // The picture is twice the display's width; the left display shows its left edge, the right one
    // is moved one display's width to the left: together they show the whole picture once.
    for (const [displayId, offset] of [['1', 0], ['2', -1]] as const) {
      const tile = page(displayId).locator('[data-testid="wall-span"] [data-testid="tile"]');
      const video = page(displayId).locator('[data-testid="wall-span"] video.tile-video:not(.tile-video-pending)');
      const [t, v] = [await tile.boundingBox(), await video.boundingBox()];
      assert.ok(t && v, `display ${displayId} has a tile and a video`);
      assert.ok(Math.abs(v.width - 2 * t.width) <= 1, `display ${displayId}: video ${v.width} px wide over a ${t.width} px tile`);
      assert.ok(Math.abs(v.height - t.height) <= 1, `display ${displayId}: video ${v.height} px high over a ${t.height} px tile`);
      assert.ok(Math.abs(v.x - (t.x + offset * t.width)) <= 1, `display ${displayId}: video at x=${v.x}, tile at x=${t.x}`);
    }

    fs.mkdirSync('test-results', { recursive: true });
    for (const displayId of Object.keys(halves)) await page(displayId).screenshot({ path: path.join('test-results', `wall-2x2-span-${displayId}.png`) });

    // The bottom row keeps preset B's grids.
    for (const [i, displayId] of DISPLAYS.entries()) {
      if (i < 2) continue;
      assert.equal(await page(displayId).locator('[data-testid="wall"]').getAttribute('data-view'), 'grid');
      assert.deepEqual((await readTiles(page(displayId))).map((t) => t.cameraId), [presetB()[i]]);
    }
  });

  it('clearing the span gives the top displays their own grids back', async () => {
    await operator.ok('wall.setSpans', { wallId: WALL, spans: [] });
    await waitShown('span cleared', presetB());
    for (const displayId of ['1', '2']) assert.equal(await page(displayId).locator('[data-testid="wall-span"]').count(), 0);
  });
});
