import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SIZE_POLICY, devicePixels, streamForSize } from '../../../renderer/browser/grid/stream-by-size.js';
import { defaultStreamSelection, parseStreamSelection } from '../../../renderer/browser/grid/stream-config.js';

describe('stream by tile size', () => {
  it('a tile within 640x360 device pixels takes sub, a bigger one main', () => {
    assert.equal(streamForSize({ width: 400, height: 225 }, null), 'sub');
    assert.equal(streamForSize({ width: 640, height: 360 }, null), 'sub');
    assert.equal(streamForSize({ width: 800, height: 450 }, null), 'main');
    // Wider than the sub stream in one direction is enough to want the main stream's detail.
    assert.equal(streamForSize({ width: 900, height: 300 }, null), 'main');
  });

  it('counts device pixels: a 400x225 CSS tile on a 2x screen is 800x450 and takes main', () => {
    const size = devicePixels(400, 225, 2);
    assert.deepEqual(size, { width: 800, height: 450 });
    assert.equal(streamForSize(size, null), 'main');
    assert.deepEqual(devicePixels(100, 50, Number.NaN), { width: 100, height: 50 });
  });

  it('does not flap around the threshold: sub stays sub up to 10% over, main stays main down to 10% under', () => {
    assert.equal(streamForSize({ width: 700, height: 390 }, 'sub'), 'sub');
    assert.equal(streamForSize({ width: 705, height: 390 }, 'sub'), 'main');
    assert.equal(streamForSize({ width: 600, height: 340 }, 'main'), 'main');
    assert.equal(streamForSize({ width: 570, height: 320 }, 'main'), 'sub');
    // Jitter of a few pixels either way across 640x360 changes nothing once chosen.
    let stream = streamForSize({ width: 641, height: 361 }, null);
    for (const width of [639, 642, 636, 645, 640, 650]) stream = streamForSize({ width, height: Math.round((width * 9) / 16) }, stream);
    assert.equal(stream, 'main');
  });

  it('takes its threshold and the display budget from the page address, ignoring bad values', () => {
    const config = parseStreamSelection('?token=x&decodeBudget=120&subBelow=960x540');
    assert.equal(config.decodeBudgetMps, 120);
    assert.deepEqual(config.size.subBelow, { width: 960, height: 540 });
    assert.deepEqual(parseStreamSelection('?decodeBudget=-3&subBelow=big'), defaultStreamSelection);
    assert.deepEqual(parseStreamSelection(''), defaultStreamSelection);
    assert.equal(streamForSize({ width: 900, height: 500 }, null, config.size), 'sub');
    assert.equal(DEFAULT_SIZE_POLICY.hysteresis, 0.1);
  });
});
