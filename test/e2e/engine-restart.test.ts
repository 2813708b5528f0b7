import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { SiteEngine } from '../../main/engine/node/site-engine.js';
import { launchChromium } from '../support/chromium.js';
import { readTiles } from '../support/tiles.js';
import { waitFor } from '../support/wait.js';

describe('the wall when the engine goes away and comes back', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jharokha-restart-'));
  const token = 'restart-test-token';
  let engine: SiteEngine | undefined;
  let browser: Browser | undefined;

  after(async () => {
    await browser?.close();
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says plainly that the engine is lost, then plays again by itself when it returns', async () => {
    engine = await SiteEngine.create({ dataDir, port: 0, demo: true, token });
    const port = Number(new URL(engine.baseUrl).port);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(engine.wallUrl('main', '1'));
    const live = async (): Promise<boolean | undefined> => {
      const tiles = await readTiles(page);
      return tiles.length === 16 && tiles.every((t) => t.state === 'live') ? true : undefined;
    };
    await waitFor('16 live tiles', 30_000, live);

    await engine.close();
    engine = undefined;
    await waitFor('engine-lost banner', 5000, async () =>
      /ENGINE CONNECTION LOST/.test((await page.getByTestId('engine-status').innerText().catch(() => '')) ?? '')
        ? true
        : undefined,
    );

    engine = await SiteEngine.create({ dataDir, port, demo: true, token });
    const before = new Map((await readTiles(page)).map((t) => [t.index, t.framesDecoded]));
    await waitFor('16 tiles live again with new frames', 40_000, async () => {
      const tiles = await readTiles(page);
      return tiles.length === 16 && tiles.every((t) => t.state === 'live' && t.framesDecoded > (before.get(t.index) ?? 0))
        ? true
        : undefined;
    });
    assert.equal(await page.getByTestId('engine-status').count(), 0, 'the banner is gone once the engine is back');
  });
});
