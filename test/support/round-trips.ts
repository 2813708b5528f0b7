// A console's request latency while something else happens: one small request at a time (the
// router's capabilities, which any socket may ask), every `everyMs`, until `until` settles.
import type { TestClient } from './ws-client.js';

export async function roundTripsWhile(client: TestClient, until: Promise<unknown>, everyMs: number): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const started = performance.now();
    await client.ok('media.routerCapabilities', {}, 30_000);
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return times;
}
