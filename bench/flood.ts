// The flood step: what a stolen kiosk key or a misbehaving client can do to everyone else. While
// one operator's console asks for the router's capabilities every 20 ms, the step opens hundreds of
// sockets on one box key, floods presses from that key, and bursts thousands of requests on one
// socket; it prints that console's request latency through it all (PASS: p99 under 100 ms) and
// what the engine refused. No decoding: load generators are bare WebSockets.
import { randomUUID } from 'node:crypto';
import { roundTripsWhile } from '../test/support/round-trips.js';
import { TestClient } from '../test/support/ws-client.js';
import { BENCH_PASSWORD, OBSERVER_USER, PRESS_TO_RING_USER } from './bench-users.js';
import type { EngineProcess } from './engine-process.js';
import { latency, type Latency } from './stats.js';

export const FLOOD_TARGET_P99_MS = 100;

export interface FloodResult {
  /** The watching console's round trips during the flood. */
  latencyMs: Latency;
  quietLatencyMs: Latency;
  pass: boolean;
  kioskSockets: { tried: number; opened: number };
  presses: { sent: number; acknowledged: number; refused: number };
  burst: { sent: number; answered: number; refused: number };
}

/** The answers to requests numbered from `firstId`, once `count` of them have come (60 s at most). */
async function answersFrom(client: TestClient, firstId: number, count: number): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answers = client.frames.filter((f) => typeof f.id === 'number' && f.id >= firstId);
    if (answers.length >= count || Date.now() > deadline) return answers;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function measureFlood(options: {
  engine: EngineProcess;
  boxId: string;
  sockets: number;
  presses: number;
  burst: number;
  /** Bursts sent one after another, so the console is measured over a long enough window. */
  rounds: number;
  log: (line: string) => void;
}): Promise<FloodResult> {
  const { engine, boxId } = options;
  const watcher = await TestClient.connect(engine.wsUrl);
  const flooder = await TestClient.connect(engine.wsUrl);
  const clients: TestClient[] = [watcher, flooder];
  try {
    await watcher.ok('session.login', { username: OBSERVER_USER, password: BENCH_PASSWORD });
    await flooder.ok('session.login', { username: PRESS_TO_RING_USER, password: BENCH_PASSWORD });
    const quiet = await roundTripsWhile(watcher, new Promise((r) => setTimeout(r, 1000)), 20);

    const flood = (async () => {
      const attempts = await Promise.allSettled(Array.from({ length: options.sockets }, () => TestClient.connect(engine.kioskWsUrl(boxId))));
      const kiosks = attempts.filter((a): a is PromiseFulfilledResult<TestClient> => a.status === 'fulfilled').map((a) => a.value);
      clients.push(...kiosks);
      const answers = kiosks.length === 0 ? [] : await Promise.all(Array.from({ length: options.presses }, (_, i) => kiosks[i % kiosks.length]!.request('box.press', { kind: 'emergency', pressId: randomUUID() }, 30_000)));
      const burstAnswers: Record<string, unknown>[] = [];
      for (let round = 0; round < options.rounds; round++) {
        const firstId = 1_000_000 * (round + 1);
        for (let i = 0; i < options.burst; i++) flooder.sendRaw(JSON.stringify({ id: firstId + i, method: 'cameras.search', params: { text: 'bench', limit: 100 } }));
        burstAnswers.push(...(await answersFrom(flooder, firstId, options.burst)).filter((f) => (f.id as number) < firstId + options.burst));
      }
      return {
        kioskSockets: { tried: options.sockets, opened: kiosks.length },
        presses: { sent: answers.length, acknowledged: answers.filter((a) => a.ok).length, refused: answers.filter((a) => a.error?.code === 'LimitReached').length },
        burst: { sent: options.burst * options.rounds, answered: burstAnswers.length, refused: burstAnswers.filter((f) => f.ok === false).length },
      };
    })();
    const busy = await roundTripsWhile(watcher, flood, 20);
    const counts = await flood;
    const latencyMs = latency(busy);
    const result: FloodResult = { latencyMs, quietLatencyMs: latency(quiet), pass: latencyMs.p99 < FLOOD_TARGET_P99_MS, ...counts };
    options.log(
      `  a console's requests during the flood: p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms over ${latencyMs.n} (quiet p99 ${result.quietLatencyMs.p99} ms; target p99 < ${FLOOD_TARGET_P99_MS}) ${result.pass ? 'PASS' : 'FAIL'}`,
    );
    options.log(
      `  kiosk sockets on one key: ${counts.kioskSockets.opened} of ${counts.kioskSockets.tried} opened; presses from that key: ${counts.presses.acknowledged} taken, ${counts.presses.refused} refused; burst on one socket: ${counts.burst.answered} answered, ${counts.burst.refused} refused`,
    );
    return result;
  } finally {
    for (const client of clients) client.close();
  }
}
