// Polls `probe` until it holds, or fails naming what was awaited: for tests and the bench, which
// wait on real processes and pages whose timing is not theirs to set.
export async function until(what: string, timeoutMs: number, probe: () => boolean | Promise<boolean>, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
