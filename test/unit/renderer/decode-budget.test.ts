import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamKind } from '../../../common/domain/camera.js';
import {
  allocateDecode,
  ASSUMED_FORMAT,
  megapixelsPerSecond,
  tilePriority,
  type DecodeDemand,
} from '../../../renderer/browser/grid/decode-budget.js';

const MAIN = megapixelsPerSecond(ASSUMED_FORMAT.main); // 51.84
const SUB = megapixelsPerSecond(ASSUMED_FORMAT.sub); // 5.76

function demand(index: number, wanted: StreamKind = 'main', extra: Partial<DecodeDemand> = {}): DecodeDemand {
  return { index, wanted, hasSub: true, priority: tilePriority(index, null, new Set()), decoding: true, cost: { main: MAIN, sub: SUB }, ...extra };
}

const streams = (plan: ReturnType<typeof allocateDecode>): string =>
  plan.choices.map((c) => (c.reason === 'budget' ? 'B' : c.stream === 'main' ? 'M' : 's')).join('');

describe('decode budget allocator', () => {
  it('assumes 1080p25 for main and 360p25 for sub until stats say otherwise', () => {
    assert.equal(MAIN, 51.84);
    assert.equal(SUB, 5.76);
  });

  it('within budget every tile gets the stream its size asks for', () => {
    const plan = allocateDecode([demand(0), demand(1), demand(2, 'sub'), demand(3)], 500);
    assert.equal(streams(plan), 'MMsM');
    assert.equal(plan.overBudget, false);
    assert.equal(plan.loadMps, plan.demandMps);
  });

  it('over budget the last tiles drop to sub, marked as dropped for the budget, until the rest fits', () => {
    // 16 tiles wanting main = 829 MP/s against 500: each drop saves 46 MP/s, so 8 must go.
    const plan = allocateDecode(Array.from({ length: 16 }, (_, i) => demand(i)), 500);
    assert.equal(streams(plan), 'MMMMMMMMBBBBBBBB');
    assert.ok(plan.loadMps <= 500, `load ${plan.loadMps}`);
    assert.ok(plan.demandMps > 800);
    assert.equal(plan.overBudget, false);
  });

  it('keeps the first tile and incident tiles on main longest', () => {
    const important = new Set(['cam-incident']);
    const demands = Array.from({ length: 4 }, (_, i) =>
      demand(i, 'main', { priority: tilePriority(i, i === 3 ? 'cam-incident' : `cam-${i}`, important) }),
    );
    // Room for two mains (2*51.84 + 2*5.76 = 115.2): tile 0 and the incident tile keep them.
    assert.equal(streams(allocateDecode(demands, 120)), 'MBBM');
    // Room for none: everything that can drop does, and the plan says it is still over.
    const tight = allocateDecode(demands, 10);
    assert.equal(streams(tight), 'BBBB');
    assert.equal(tight.overBudget, true);
  });

  it('uses observed costs: three 720p25 mains (23 MP/s each) fit where 1080p assumptions would not', () => {
    const p720 = megapixelsPerSecond({ width: 1280, height: 720, fps: 25 });
    const observed = [0, 1, 2].map((i) => demand(i, 'main', { cost: { main: p720, sub: SUB } }));
    assert.equal(streams(allocateDecode(observed, 100)), 'MMM');
    assert.equal(streams(allocateDecode([0, 1, 2].map((i) => demand(i)), 100)), 'MBB');
  });

  it('never drops a camera without a sub stream, and hidden tiles cost nothing', () => {
    const plan = allocateDecode([demand(0, 'main', { hasSub: false }), demand(1, 'main', { decoding: false })], 30);
    assert.equal(streams(plan), 'MM');
    assert.equal(plan.loadMps, MAIN);
    assert.equal(plan.overBudget, true);
  });

  it('brings a dropped tile back only when clearly under the budget (no flapping at the edge)', () => {
    const demands = [demand(0), demand(1)];
    const budget = MAIN + MAIN - 1; // just under two mains
    const first = allocateDecode(demands, budget);
    assert.equal(streams(first), 'MB');
    const dropped = new Set(first.choices.filter((c) => c.reason === 'budget').map((c) => c.index));
    // Two mains now fit exactly, but not with the 10% margin: tile 1 stays on sub.
    assert.equal(streams(allocateDecode(demands, 2 * MAIN, dropped)), 'MB');
    assert.equal(streams(allocateDecode(demands, 2 * MAIN * 1.2, dropped)), 'MM');
  });
});
