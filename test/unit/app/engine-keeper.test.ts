// The desktop app's engine kept running: a crashed utility process is forked again with the same
// key and options, after a backoff that a crash loop stretches and a healthy run resets; quitting
// stops the restarts and any start under way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineAddress } from '../../../main/app/common/page-url.js';
import { EngineKeeper } from '../../../main/app/electron-main/engine-keeper.js';
import type { Timers } from '../../../main/app/electron-main/timers.js';
import { engineOptions, FakeChild, KEY, type Forked } from './fake-utility-child.js';

const secret = (n: number): string => Buffer.alloc(32, n).toString('base64url');
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A keeper whose every fork is a FakeChild played by `engine(child, index)`; timers are run by
 * hand (`fire`) and the clock is `clock.now`, so the backoff is read without waiting for it.
 */
function keeper(engine: (child: FakeChild, index: number) => void) {
  const forks: Forked[] = [];
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const cleared: number[] = [];
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => (pending.set(++next, { fn, ms }), next),
    clearTimeout: (handle) => (cleared.push(handle as number), pending.delete(handle as number)),
  };
  const clock = { now: 1_000_000 };
  const restarted: EngineAddress[] = [];
  const create = async () => {
    const kept = await EngineKeeper.create({
      engine: {
        ...engineOptions,
        stopTimeoutMs: 50,
        fork: (modulePath, args, options) => {
          const child = new FakeChild();
          child.onStop = () => queueMicrotask(() => child.emit('exit', 0));
          forks.push({ modulePath, args, options, child });
          const index = forks.length - 1;
          queueMicrotask(() => engine(child, index));
          return child;
        },
      },
      timers,
      now: () => clock.now,
    });
    kept.on('restarted', (address) => restarted.push(address));
    return kept;
  };
  /** The one restart waiting: its delay, after which it runs and the start it makes settles. */
  const fire = async (): Promise<number> => {
    assert.equal(pending.size, 1, 'one restart is waiting');
    const [handle, { fn, ms }] = [...pending][0]!;
    pending.delete(handle);
    fn();
    await settle();
    await settle();
    return ms;
  };
  return { forks, pending, cleared, clock, restarted, create, fire };
}

const ready = (child: FakeChild, index: number): void => {
  child.emit('message', { type: 'ready', url: 'http://127.0.0.1:8080', token: 'tok', displaySecret: secret(index + 1) });
};

describe('engine keeper', () => {
  it('forks a crashed engine again after 1 s with the same entry, args, env and key, and announces its new address', async () => {
    const k = keeper(ready);
    const kept = await k.create();
    assert.equal(kept.address.displaySecret, secret(1));
    k.forks[0]!.child.emit('exit', 139);
    assert.equal(k.forks.length, 1, 'nothing is forked before the backoff');
    assert.equal(await k.fire(), 1_000);
    assert.equal(k.forks.length, 2);
    const [first, second] = k.forks;
    assert.deepEqual(second!.child.received, [{ type: 'key', key: KEY }]);
    assert.deepEqual([second!.modulePath, second!.args, second!.options], [first!.modulePath, first!.args, first!.options]);
    assert.deepEqual(k.restarted, [{ url: 'http://127.0.0.1:8080', token: 'tok', displaySecret: secret(2) }]);
    assert.equal(kept.address.displaySecret, secret(2));
    assert.equal(kept.stopped, false);
  });

  it('a crash loop is slowed, 1 s doubling to 30 s, and an engine that ran a minute restarts after 1 s again', async () => {
    let healthy = true;
    const k = keeper((child, index) => (healthy ? ready(child, index) : child.emit('exit', 1)));
    await k.create();
    healthy = false;
    k.forks[0]!.child.emit('exit', 134);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) delays.push(await k.fire()); // each start dies before it is ready
    assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    healthy = true;
    assert.equal(await k.fire(), 30_000);
    assert.equal(k.restarted.length, 1);
    assert.equal(k.forks.length, 9);

    k.clock.now += 5_000; // up 5 s: still the same loop
    k.forks[8]!.child.emit('exit', 134);
    assert.equal(await k.fire(), 30_000);
    k.clock.now += 61_000; // up a minute: healthy, the backoff starts over
    k.forks[9]!.child.emit('exit', 134);
    assert.equal(await k.fire(), 1_000);
    assert.equal(k.restarted.length, 3);
  });

  it('a start that reports failure or never reports ready is retried like a crash', async () => {
    const k = keeper((child, index) => (index === 1 ? child.emit('message', { type: 'failed', message: 'EADDRINUSE' }) : ready(child, index)));
    await k.create();
    k.forks[0]!.child.emit('exit', 139);
    assert.equal(await k.fire(), 1_000);
    assert.equal(k.restarted.length, 0);
    assert.equal(await k.fire(), 2_000);
    assert.equal(k.restarted.length, 1);
  });

  it('closing stops the engine, and an exit it caused is not restarted', async () => {
    const k = keeper(ready);
    const kept = await k.create();
    await Promise.all([kept.close(), kept.close()]);
    assert.deepEqual(k.forks[0]!.child.received.at(-1), { type: 'stop' });
    assert.equal(k.pending.size, 0);
    assert.equal(kept.stopped, true);
  });

  it('quitting while a restart waits clears it: nothing more is forked', async () => {
    const k = keeper(ready);
    const kept = await k.create();
    k.forks[0]!.child.emit('exit', 139);
    assert.equal(k.pending.size, 1);
    await kept.close();
    assert.equal(k.pending.size, 0);
    assert.equal(k.cleared.length, 1);
    assert.equal(k.forks.length, 1);
    assert.equal(kept.stopped, true);
  });

  it('quitting while a restarted engine is still starting stops it, and close() waits until it has exited', async () => {
    const k = keeper((child, index) => (index === 0 ? ready(child, index) : undefined)); // the second never gets ready
    const kept = await k.create();
    k.forks[0]!.child.emit('exit', 139);
    await k.fire();
    const starting = k.forks[1]!.child;
    let gone = false;
    starting.onStop = () => setImmediate(() => ((gone = true), starting.emit('exit', 0)));
    await kept.close();
    assert.equal(gone, true);
    assert.deepEqual(starting.received, [{ type: 'key', key: KEY }, { type: 'stop' }]);
    assert.deepEqual(k.restarted, []);
    assert.equal(k.pending.size, 0, 'a called-off start is not retried');
  });
});
