import { useEffect, useState } from 'react';

/** performance.now(), refreshed every intervalMs while enabled: drives ages and countdowns. */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, enabled]);
  return now;
}
