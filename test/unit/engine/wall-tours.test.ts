// Tours and control leases run on an injected clock: stepping it stands in for waiting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WallTour } from '../../../common/domain/wall.js';
import { FakeClock } from './fake-clock.js';
import { WallLeases } from '../../../main/engine/node/walls/wall-leases.js';
import { WallTours, type TourPlan } from '../../../main/engine/node/walls/wall-tours.js';

const plan = (p: Partial<TourPlan> = {}): TourPlan => ({ wallId: 'ops', presetNames: ['a', 'b', 'c'], dwellS: 3, startedBy: 'operator:asha', username: 'asha', ...p });

function tourRig(failOn?: (step: number) => boolean) {
  const clock = new FakeClock();
  const shown: string[] = [];
  const events: (WallTour | null)[] = [];
  const reasons: (string | undefined)[] = [];
  const tours = new WallTours(clock, (p, step) => {
    if (failOn?.(step)) throw new Error(`preset "${p.presetNames![step]}" is gone`);
    shown.push(`${p.wallId}:${(p.presetNames ?? p.cameraIds)![step]}`);
  });
  tours.on('changed', (_wallId, tour, reason) => {
    events.push(tour);
    reasons.push(reason);
  });
  return { clock, shown, events, reasons, tours };
}

describe('wall tours', () => {
  it('refuses a dwell under 3 s, and a tour of both presets and cameras', () => {
    const { tours, shown } = tourRig();
    assert.throws(() => tours.start(plan({ dwellS: 2 })), { code: 'BadRequest' });
    assert.throws(() => tours.start(plan({ dwellS: 2.99 })), { code: 'BadRequest' });
    assert.throws(() => tours.start(plan({ cameraIds: ['cam-a'] })), { code: 'BadRequest' });
    assert.deepEqual(shown, []);
  });

  it('shows the first step at once, the next after each dwell, and starts over after the last', () => {
    const { clock, tours, shown, events } = tourRig();
    const started = tours.start(plan({ dwellS: 3 }));
    assert.equal(started.step, 0);
    assert.equal(started.nextAt, clock.now() + 3000);
    assert.deepEqual(shown, ['ops:a']);
    clock.advance(2999);
    assert.deepEqual(shown, ['ops:a'], 'not before the dwell is over');
    clock.advance(1);
    assert.deepEqual(shown, ['ops:a', 'ops:b']);
    clock.advance(6000);
    assert.deepEqual(shown, ['ops:a', 'ops:b', 'ops:c', 'ops:a']);
    assert.equal(tours.current('ops')?.step, 0);
    assert.deepEqual(events.map((e) => e?.step), [0, 1, 2, 0], 'every step is announced');
  });

  it('stops on request and on close, leaving no timer behind', () => {
    const { clock, tours, shown, events, reasons } = tourRig();
    tours.start(plan());
    assert.equal(tours.stop('ops', 'stopped by operator:asha'), true);
    assert.equal(events.at(-1), null);
    assert.equal(reasons.at(-1), 'stopped by operator:asha');
    assert.equal(tours.stop('ops', 'again'), false);
    tours.start(plan({ wallId: 'ops' }));
    tours.start(plan({ wallId: 'lobby' }));
    tours.close();
    assert.equal(clock.pending, 0);
    clock.advance(60_000);
    assert.deepEqual(shown, ['ops:a', 'ops:a', 'lobby:a']);
  });

  it('a second tour on a wall replaces the first', () => {
    const { clock, tours, shown } = tourRig();
    tours.start(plan({ presetNames: ['a', 'b'] }));
    tours.start(plan({ presetNames: undefined, cameraIds: ['cam-x', 'cam-y'], dwellS: 5 }));
    assert.equal(clock.pending, 1);
    clock.advance(5000);
    assert.deepEqual(shown, ['ops:a', 'ops:cam-x', 'ops:cam-y']);
  });

  it('ends the tour, with why, when a step fails', () => {
    const { clock, tours, events, reasons } = tourRig((step) => step === 1);
    tours.start(plan());
    clock.advance(3000);
    assert.equal(tours.current('ops'), null);
    assert.equal(events.at(-1), null);
    assert.match(reasons.at(-1) ?? '', /preset "b" is gone/);
    assert.equal(clock.pending, 0);
  });
});

describe('wall control leases', () => {
  const asha = { username: 'asha', displayName: 'Asha Verma' };
  const ravi = { username: 'ravi', displayName: 'Ravi' };

  it('refuse others with Conflict naming the holder, let the holder renew, and lapse on their own', () => {
    const clock = new FakeClock();
    const leases = new WallLeases(clock, 60_000);
    const seen: (string | null)[] = [];
    leases.on('changed', (c) => seen.push(c.holder));
    const taken = leases.take('ops', asha);
    assert.deepEqual(taken, { wallId: 'ops', holder: 'asha', holderName: 'Asha Verma', expiresAt: clock.now() + 60_000 });
    assert.throws(() => leases.take('ops', ravi), (e: { code: string; message: string }) => e.code === 'Conflict' && /Asha Verma \(asha\)/.test(e.message));
    assert.throws(() => leases.assertMayChange('ops', undefined), { code: 'Conflict' }, 'nor a display nobody logged in on');
    leases.assertMayChange('ops', 'asha');
    leases.assertMayChange('lobby', 'ravi');
    clock.advance(50_000);
    assert.equal(leases.take('ops', asha).expiresAt, clock.now() + 60_000, 'renewed');
    clock.advance(59_999);
    assert.equal(leases.current('ops').holder, 'asha');
    clock.advance(1);
    assert.deepEqual(leases.current('ops'), { wallId: 'ops', holder: null, expiresAt: null });
    leases.take('ops', ravi);
    assert.throws(() => leases.release('ops', 'asha'), { code: 'Conflict' });
    leases.release('ops', 'ravi');
    assert.deepEqual(seen, ['asha', 'asha', null, 'ravi', null]);
    leases.take('ops', ravi);
    leases.close();
    assert.equal(clock.pending, 0);
  });
});
