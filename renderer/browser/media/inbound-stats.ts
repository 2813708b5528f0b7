// Reads the numbers a tile or a call exposes from a consumer's RTCStatsReport (its inbound-rtp entry).

/** Something with a current consumer (which may change, or be absent for a while). */
export interface StatsSource {
  getStats(): Promise<{ consumerId: string; report: RTCStatsReport } | null>;
}

export interface InboundVideoStats {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number;
  packetsLost: number;
}

/** Accepts report.values() so it can be fed plain objects in tests. */
export function readInboundVideo(entries: Iterable<unknown>): InboundVideoStats | null {
  const stat = findInbound(entries, 'video');
  if (!stat) return null;
  return {
    framesDecoded: numberOr0(stat.framesDecoded),
    frameWidth: numberOr0(stat.frameWidth),
    frameHeight: numberOr0(stat.frameHeight),
    framesPerSecond: numberOr0(stat.framesPerSecond),
    packetsLost: numberOr0(stat.packetsLost),
  };
}

export interface InboundAudioStats {
  packetsReceived: number;
  packetsLost: number;
}

export function readInboundAudio(entries: Iterable<unknown>): InboundAudioStats | null {
  const stat = findInbound(entries, 'audio');
  return stat ? { packetsReceived: numberOr0(stat.packetsReceived), packetsLost: numberOr0(stat.packetsLost) } : null;
}

function findInbound(entries: Iterable<unknown>, kind: 'audio' | 'video'): Record<string, unknown> | null {
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const stat = entry as Record<string, unknown>;
    if (stat.type === 'inbound-rtp' && (stat.kind ?? stat.mediaType) === kind) return stat;
  }
  return null;
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
