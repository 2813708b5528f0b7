import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JharokhaError } from '../../../common/errors.js';
import { LoginLimiter } from '../../../main/engine/node/api/login-limiter.js';

const rateLimited = (wait: number): ((e: unknown) => boolean) => (e: unknown) =>
  e instanceof JharokhaError && e.code === 'RateLimited' && e.message.includes(`try again in ${wait} s`);

describe('failed-login limits', () => {
  it('locks a name from one address after 5 failures in a row for 30 s, then 60 s, 120 s … up to 5 min; other addresses and a success are unaffected', () => {
    let now = 0;
    const limiter = new LoginLimiter({}, () => now);
    for (let i = 0; i < 4; i++) assert.deepEqual(limiter.begin('asha', '10.0.0.1').failed(), []);
    assert.deepEqual(limiter.begin('ASHA ', '10.0.0.1').failed(), [{ scope: 'user', username: 'asha', address: '10.0.0.1', until: 30_000, failures: 5 }], 'names match as logins do');
    assert.throws(() => limiter.begin('asha', '10.0.0.1'), rateLimited(30));
    now = 29_001;
    assert.throws(() => limiter.begin('asha', '10.0.0.1'), rateLimited(1));
    assert.doesNotThrow(() => limiter.begin('asha', '10.0.0.3').succeeded(), 'the same name from another address is not locked');
    assert.doesNotThrow(() => limiter.begin('ravi', '10.0.0.1').succeeded(), 'another name is not locked');
    let delay = 30_000;
    for (const expected of [60_000, 120_000, 240_000, 300_000, 300_000]) {
      now += delay;
      const lock = limiter.begin('asha', '10.0.0.1').failed();
      assert.equal(lock.length, 1, 'after a lockout every failure locks again');
      assert.equal(lock[0]!.until - now, expected);
      delay = expected;
    }
    now += delay;
    limiter.begin('asha', '10.0.0.1').succeeded();
    for (let i = 0; i < 4; i++) assert.deepEqual(limiter.begin('asha', '10.0.0.1').failed(), [], 'counting starts afresh');
    assert.equal(limiter.begin('asha', '10.0.0.1').failed()[0]?.until, now + 30_000);
  });

  it('clears every lock on a name, from every address, and no other name', () => {
    const limiter = new LoginLimiter({}, () => 0);
    for (const address of ['10.0.0.1', '10.0.0.2']) for (let i = 0; i < 5; i++) limiter.begin('asha', address).failed();
    for (let i = 0; i < 5; i++) limiter.begin('ravi', '10.0.0.1').failed();
    assert.equal(limiter.clear('Asha'), 2);
    assert.doesNotThrow(() => limiter.begin('asha', '10.0.0.1').succeeded());
    assert.doesNotThrow(() => limiter.begin('asha', '10.0.0.2').succeeded());
    assert.throws(() => limiter.begin('ravi', '10.0.0.1'), rateLimited(30));
    assert.equal(limiter.clear('asha'), 0, 'nothing left to clear');
  });

  it('locks an address after 100 failures across names; a success from it does not clear that', () => {
    let now = 0;
    const limiter = new LoginLimiter({}, () => now);
    for (let i = 0; i < 99; i++) {
      limiter.begin(`guess${i}`, '10.0.0.9').failed();
      if (i === 9) limiter.begin('ravi', '10.0.0.9').succeeded();
    }
    assert.deepEqual(limiter.begin('guess99', '10.0.0.9').failed(), [{ scope: 'address', address: '10.0.0.9', until: 0 + 30_000, failures: 100 }]);
    assert.throws(() => limiter.begin('ravi', '10.0.0.9'), (e: unknown) => rateLimited(30)(e) && /from this address/.test((e as Error).message));
    assert.doesNotThrow(() => limiter.begin('ravi', '10.0.0.10').succeeded(), 'another address is not locked');
    now = 30_000;
    assert.equal(limiter.begin('guess100', '10.0.0.9').failed()[0]?.until, now + 60_000);
  });

  it('counts attempts still being checked, so a parallel burst stops at the limit', () => {
    const limiter = new LoginLimiter({}, () => 0);
    const inFlight = Array.from({ length: 5 }, () => limiter.begin('asha', '10.0.0.1'));
    assert.throws(() => limiter.begin('asha', '10.0.0.1'), (e: unknown) => e instanceof JharokhaError && e.code === 'RateLimited');
    const locks = inFlight.flatMap((attempt) => attempt.failed());
    assert.equal(locks.length, 1, 'the lockout is reported once');
    assert.deepEqual(inFlight[0]!.failed(), [], 'ending an attempt twice counts once');
  });

  it('forgets a name after an hour without failures', () => {
    let now = 0;
    const limiter = new LoginLimiter({}, () => now);
    for (let i = 0; i < 4; i++) limiter.begin('asha', '10.0.0.1').failed();
    now = 3_600_000;
    assert.deepEqual(limiter.begin('asha', '10.0.0.1').failed(), [], 'four old failures were forgotten');
  });

  it('keeps at most maxEntries names and addresses', () => {
    const limiter = new LoginLimiter({ maxEntries: 10 }, () => 0);
    for (let i = 0; i < 100; i++) limiter.begin(`name${i}`, `10.0.1.${i}`).failed();
    assert.ok((limiter as unknown as { entries: Map<string, unknown> }).entries.size <= 10);
  });
});
