// Polls a consumer's stats: the decoded-frame count and size (tiles, a call's video) and the audio
// packet count (a call's voice) are what prove, to an operator's diagnostics and to the end-to-end
// tests, that media really arrives. A tile's watch and a call's remote media are both sources.
import { useEffect, useState } from 'react';
import {
  readInboundAudio,
  readInboundVideo,
  type InboundAudioStats,
  type InboundVideoStats,
  type StatsSource,
} from '../media/inbound-stats.js';
import { FrameCounter } from './frame-counter.js';

export const STATS_INTERVAL_MS = 1_000;

export function useInboundStats(source: StatsSource | null, intervalMs = STATS_INTERVAL_MS): InboundVideoStats | null {
  return usePolledStats(source, intervalMs, (report, consumerId, counter) => {
    const inbound = readInboundVideo(report.values());
    return inbound && { ...inbound, framesDecoded: counter.total(consumerId, inbound.framesDecoded) };
  }, (previous) => (previous ? { ...previous, framesPerSecond: 0 } : null));
}

export function useInboundAudioStats(source: StatsSource | null, intervalMs = STATS_INTERVAL_MS): InboundAudioStats | null {
  return usePolledStats(source, intervalMs, (report, consumerId, counter) => {
    const inbound = readInboundAudio(report.values());
    return inbound && { ...inbound, packetsReceived: counter.total(consumerId, inbound.packetsReceived) };
  }, (previous) => previous);
}

/**
 * Polls `source` every intervalMs. `read` turns a report into numbers (the counter keeps a count
 * rising across consumers); `gap` says what to show while there is no consumer: never a count
 * that falls back to zero.
 */
function usePolledStats<T>(
  source: StatsSource | null,
  intervalMs: number,
  read: (report: RTCStatsReport, consumerId: string, counter: FrameCounter) => T | null,
  gap: (previous: T | null) => T | null,
): T | null {
  const [stats, setStats] = useState<T | null>(null);
  // The functions are fixed per call site; only the source and interval restart the polling.
  const [reader] = useState(() => ({ read, gap }));
  useEffect(() => {
    setStats(null);
    if (!source) return;
    let cancelled = false;
    let busy = false;
    const counter = new FrameCounter();
    const poll = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        const sample = await source.getStats();
        if (cancelled) return;
        const next = sample ? reader.read(sample.report, sample.consumerId, counter) : null;
        setStats((previous) => next ?? reader.gap(previous));
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void poll(), intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [source, intervalMs, reader]);
  return stats;
}
