// Polls the tile's consumer once a second: the decoded-frame count and size are what prove (to an
// operator's diagnostics and to the end-to-end test) that video really arrives.
import { useEffect, useState } from 'react';
import { readInboundVideo, type InboundVideoStats } from '../media/inbound-stats.js';
import type { WatchHandle } from '../media/watch-handle.js';
import { FrameCounter } from './frame-counter.js';

export const STATS_INTERVAL_MS = 1_000;

export function useInboundStats(handle: WatchHandle | null): InboundVideoStats | null {
  const [stats, setStats] = useState<InboundVideoStats | null>(null);
  useEffect(() => {
    setStats(null);
    if (!handle) return;
    let cancelled = false;
    let busy = false;
    const frames = new FrameCounter();
    const poll = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        const sample = await handle.getStats();
        if (cancelled) return;
        const inbound = sample ? readInboundVideo(sample.report.values()) : null;
        if (!sample || !inbound) {
          // No consumer right now: keep the count so far, it must not fall back to zero.
          setStats((previous) => (previous ? { ...previous, framesPerSecond: 0 } : null));
          return;
        }
        setStats({ ...inbound, framesDecoded: frames.total(sample.consumerId, inbound.framesDecoded) });
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void poll(), STATS_INTERVAL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [handle]);
  return stats;
}
