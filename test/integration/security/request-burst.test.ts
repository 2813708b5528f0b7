// One socket floods the engine with requests: another socket's requests are still answered at
// once (each socket's requests wait in its own queue and start one per turn of the event loop),
// and the flooding socket's backlog past its bound is refused with LimitReached, each answered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_WAITING } from '../../../main/engine/node/api/connection.js';
import { EngineSuite } from '../../support/engine-suite.js';
import { roundTripsWhile } from '../../support/round-trips.js';
import type { TestClient } from '../../support/ws-client.js';

const TOKEN = 'test-token-request-burst';
const PASSWORD = 'a long test password';
const BURST = 3000;

const p99 = (times: number[]): number => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!;

describe('a request burst on one socket', () => {
  let flooder: TestClient;
  let other: TestClient;
  const suite = EngineSuite.forSuite('jharokha-burst-', { token: TOKEN }, async ({ stored }) => {
    // Enough cameras that every search the flooder sends is real work.
    stored.cameras.upsertMany(
      Array.from({ length: 2000 }, (_, i) => ({ id: `cam-${i}`, name: `Market camera ${i}`, category: 'market' as const, lat: 26.4, lon: 80.3, mainUrl: `rtsp://10.0.0.1/${i}` })),
    );
    await stored.users.upsert({ username: 'asha', displayName: 'Asha', role: 'operator', password: PASSWORD });
    await stored.users.upsert({ username: 'ravi', displayName: 'Ravi', role: 'operator', password: PASSWORD });
    flooder = await suite.connect();
    other = await suite.connect();
    await flooder.ok('session.login', { username: 'asha', password: PASSWORD });
    await other.ok('session.login', { username: 'ravi', password: PASSWORD });
  });

  it('a 3000-request burst on one socket does not delay another socket', async () => {
    const quiet = await roundTripsWhile(other, new Promise((r) => setTimeout(r, 500)), 10);
    const firstId = 1_000_000;
    const answered = new Promise<void>((resolve) => {
      const check = (): void => {
        const answers = flooder.frames.filter((f) => typeof f.id === 'number' && (f.id as number) >= firstId);
        if (answers.length >= BURST) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
    for (let i = 0; i < BURST; i++) flooder.sendRaw(JSON.stringify({ id: firstId + i, method: 'cameras.search', params: { text: 'market', limit: 200 } }));
    const busy = await roundTripsWhile(other, answered, 10);

    const answers = flooder.frames.filter((f) => typeof f.id === 'number' && (f.id as number) >= firstId) as { ok: boolean; error?: { code: string } }[];
    assert.equal(answers.length, BURST, 'every request of the burst is answered');
    const refused = answers.filter((a) => !a.ok);
    assert.ok(refused.length > 0 && refused.every((a) => a.error?.code === 'LimitReached'), 'past its backlog the burst is refused LimitReached');
    assert.ok(answers.length - refused.length >= MAX_WAITING, 'the backlog itself is served');
    console.log(`# other socket: quiet p99 ${p99(quiet).toFixed(1)} ms, during the burst p99 ${p99(busy).toFixed(1)} ms over ${busy.length} requests; ${refused.length} of the burst refused`);
    assert.ok(busy.length >= 3, 'the other socket was measured throughout the burst');
    assert.ok(p99(busy) < 250, `the other socket's p99 during the burst is ${p99(busy).toFixed(1)} ms`);
  });
});
