import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTiles } from '../support/tiles.js';
import { waitFor } from '../support/wait.js';
import { RestartingDemo } from './engine-fixture.js';

describe('the wall when the engine goes away and comes back', () => {
  const demo = RestartingDemo.forSuite();

  it('says plainly that the engine is lost, then plays again by itself when it returns', async () => {
    const { engine, browser } = await demo.open();
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(engine.wallUrl('main', '1'));
    const live = async (): Promise<boolean | undefined> => {
      const tiles = await readTiles(page);
      return tiles.length === 16 && tiles.every((t) => t.state === 'live') ? true : undefined;
    };
    await waitFor('16 live tiles', 30_000, live);

    await demo.stop();
    await waitFor('engine-lost banner', 5000, async () =>
      /ENGINE CONNECTION LOST/.test((await page.getByTestId('engine-status').innerText().catch(() => '')) ?? '')
        ? true
        : undefined,
    );

    await demo.start();
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
