// A refused kiosk key and a dead engine look the same to a browser: the engine refuses a bad key
// at the HTTP upgrade, which a WebSocket reports as close code 1006, exactly as when nothing
// answers. The engine's plain HTTP health check tells them apart: if it answers while our socket
// keeps failing before it ever opens, the engine is up and it is our key it does not want.

/** Close codes an engine uses to say "not you" after accepting the upgrade (4401 = HTTP 401). */
const REFUSAL_CODES = new Set([4401, 4403, 1008]);

/** EngineClient's disconnect reason reads "closed (code 1006…)". */
export function closeCodeOf(reason: string): number | null {
  const match = /code (\d+)/.exec(reason);
  return match ? Number(match[1]) : null;
}

export function isRefusalCode(code: number | null): boolean {
  return code !== null && REFUSAL_CODES.has(code);
}

/** Failed attempts in a row before the health check is asked (one failure may be a blip). */
export const ATTEMPTS_BEFORE_CHECK = 2;

export type Fetcher = (url: string, init: { cache: 'no-store'; signal?: AbortSignal }) => Promise<{ ok: boolean }>;

/** True when the engine's HTTP side answers healthy; false when it does not answer at all. */
export async function engineAnswers(fetcher: Fetcher, origin: string, timeoutMs = 5_000): Promise<boolean> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
  try {
    const response = await fetcher(`${origin}/healthz`, { cache: 'no-store', ...(controller ? { signal: controller.signal } : {}) });
    return response.ok;
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
