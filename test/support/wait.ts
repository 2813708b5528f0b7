// Polling for tests and the bench, which wait on real processes and pages whose timing is not
// theirs to set. A probe that throws (a page navigating, a socket not up yet) is tried again, and
// its last error is named if time runs out.

/** Polls `probe` until it gives a value other than undefined, and returns that value. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Polls `probe` until it holds. */
export async function until(what: string, timeoutMs: number, probe: () => boolean | Promise<boolean>, everyMs = 100): Promise<void> {
  await waitFor(what, timeoutMs, async () => ((await probe()) ? true : undefined), everyMs);
}
