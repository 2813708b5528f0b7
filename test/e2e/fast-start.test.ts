// Instant video in real Chromium: a camera with a 4 s GOP already on one page decodes on a second
// page within 1 s (it would wait up to 4 s for the camera's next keyframe), says CATCHING UP, never
// LIVE, while it shows the replayed GOP, and is LIVE on the shared stream afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { SiteEngine } from '../../main/engine/node/site-engine.js';
import { CameraSimulator, MEDIA_CLIPS, mediaPath } from '../../sim/index.js';
import { launchChromium } from '../support/chromium.js';
import type { EngineFile } from '../support/engine-stores.js';
import { readTiles } from '../support/tiles.js';
import { waitFor } from '../support/wait.js';
import { startDemoEngine } from './engine-fixture.js';

const CAMERA = 'gop4-lobby';

interface Sample {
  at: number;
  state: string;
  /** Frames the tile's video elements have decoded (the most of them). */
  frames: number;
  /** Milliseconds since the tile last presented a frame ('none' before the first). */
  age: string;
}

/** Samples tile 0 every 20 ms from the moment the page starts, before any of its scripts. */
async function openSampled(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  await page.addInitScript(() => {
    const w = window as unknown as { samples: Sample[] };
    w.samples = [];
    setInterval(() => {
      const tile = document.querySelector('[data-testid="tile"][data-tile-index="0"]');
      if (!tile || !tile.getAttribute('data-camera-id')) return;
      // The video's own count: the tile's data-frames-decoded follows stats polled once a second.
      const frames = Math.max(0, ...[...tile.querySelectorAll('video')].map((v) => v.getVideoPlaybackQuality().totalVideoFrames));
      w.samples.push({ at: performance.now(), state: tile.getAttribute('data-state') ?? '', frames, age: tile.getAttribute('data-last-frame-age-ms') ?? 'none' });
    }, 20);
  });
  await page.goto(url);
  return page;
}

describe('instant video: a 4 s-GOP camera joined mid-GOP (real Chromium)', () => {
  let sim: CameraSimulator;
  let engine: SiteEngine;
  let stored: EngineFile;
  let cleanup: () => Promise<void>;
  let browser: Browser;

  before(async () => {
    sim = await CameraSimulator.create({ port: 0, cameras: [{ id: CAMERA, main: mediaPath(MEDIA_CLIPS.main720Gop4) }] });
    ({ engine, stored, cleanup } = await startDemoEngine());
    stored.cameras.upsertMany([{ id: CAMERA, name: 'Lobby (4 s GOP)', category: 'bank', lat: 26.47, lon: 80.35, mainUrl: sim.url(CAMERA, 'main') }]);
    engine.internalsForTests.walls.set({ wallId: 'main', displayId: '1', grid: 1, tiles: [CAMERA] });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await cleanup?.();
    await sim?.close();
  });

  it('decodes on the second page within 1 s, CATCHING UP until the shared stream takes over, then LIVE', async () => {
    const first = await openSampled(browser, engine.wallUrl('main', '1'));
    await waitFor('the first page plays', 20_000, async () => ((await readTiles(first))[0]?.framesDecoded ?? 0) > 30 || undefined);
    // Somewhere inside the 4 s GOP, not just after its keyframe.
    await new Promise((r) => setTimeout(r, 1300));

    const second = await openSampled(browser, engine.wallUrl('main', '1'));
    const samplesNow = (): Promise<Sample[]> => second.evaluate(() => (window as unknown as { samples: Sample[] }).samples);
    await waitFor('the second page is live on the shared stream, decoding', 10_000, async () => {
      const taken = await samplesNow();
      return taken.some((s) => s.state === 'live' && s.frames > 0) || undefined;
    });
    const samples = await samplesNow();
    const states = samples.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]);
    console.log(`# second page's tile: ${states.join(' → ')}`);
    const shown = samples[0]!.at;
    const decoded = samples.find((s) => s.frames > 0);
    assert.ok(decoded, 'the second page decoded');
    const firstFrameMs = decoded.at - shown;
    console.log(`# second page: first decoded frame ${Math.round(firstFrameMs)} ms after its tile showed the camera`);
    assert.ok(firstFrameMs < 1000, `first frame after ${Math.round(firstFrameMs)} ms`);
    // The first picture is the fast start's, said as CATCHING UP, and so is every one until the switch.
    const firstPicture = samples.indexOf(decoded);
    const lastCatchingUp = samples.findLastIndex((s) => s.state === 'catching-up');
    assert.equal(decoded.state, 'catching-up', 'the first picture is the replayed GOP');
    assert.ok(samples.slice(firstPicture, lastCatchingUp + 1).every((s) => s.state === 'catching-up'), 'never LIVE while catching up');
    assert.equal(samples.at(-1)!.state, 'live', 'LIVE once the shared stream shows');
    // From the first picture on, through the switch, the tile never freezes or goes blank.
    const ages = samples.filter((s) => s.at > decoded.at + 100 && s.age !== 'none').map((s) => Number(s.age));
    assert.ok(Math.max(...ages) < 500, `the picture stays fresh through the switch (longest ${Math.max(...ages)} ms)`);
    await first.close();
    await second.close();
  });
});
