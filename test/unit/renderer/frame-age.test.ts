import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFrameAge, frameAgeAttribute, frameAgeLevel } from '../../../renderer/browser/tiles/frame-age.js';
import { FrameCounter } from '../../../renderer/browser/tiles/frame-counter.js';

describe('frame age', () => {
  it('formats ages an operator reads at a glance', () => {
    assert.equal(formatFrameAge(null), 'no frame');
    assert.equal(formatFrameAge(0), '0.0 s');
    assert.equal(formatFrameAge(120), '0.1 s');
    assert.equal(formatFrameAge(9_990), '9.9 s');
    assert.equal(formatFrameAge(12_400), '12 s');
    assert.equal(formatFrameAge(125_000), '2 min');
    assert.equal(formatFrameAge(2 * 3_600_000 + 5), '2 h');
    assert.equal(formatFrameAge(-5), '0.0 s', 'clock jitter never shows a negative age');
  });

  it('turns amber after 1 s and red after 3 s', () => {
    const agesByLevel = { none: [null], fresh: [999], late: [1_000, 2_999], old: [3_000] };
    for (const [level, ages] of Object.entries(agesByLevel)) {
      for (const age of ages) assert.equal(frameAgeLevel(age), level, `${age} ms`);
    }
  });

  it('exposes a non-numeric attribute until the first frame, so a test cannot mistake it for fresh', () => {
    assert.equal(frameAgeAttribute(null), 'none');
    assert.ok(Number.isNaN(Number(frameAgeAttribute(null))));
    assert.equal(frameAgeAttribute(123.6), '124');
  });
});

describe('frame counter', () => {
  it('keeps rising across a new consumer instead of falling back to zero', () => {
    const counter = new FrameCounter();
    assert.equal(counter.total('a', 10), 10);
    assert.equal(counter.total('a', 50), 50);
    assert.equal(counter.total('b', 3), 53);
    assert.equal(counter.total('b', 20), 70);
  });
});
