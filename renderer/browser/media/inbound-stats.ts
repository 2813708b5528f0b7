// Reads the numbers a tile exposes from a consumer's RTCStatsReport (its inbound-rtp entry).
export interface InboundVideoStats {
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number;
  packetsLost: number;
}

/** Accepts report.values() so it can be fed plain objects in tests. */
export function readInboundVideo(entries: Iterable<unknown>): InboundVideoStats | null {
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const stat = entry as Record<string, unknown>;
    if (stat.type !== 'inbound-rtp') continue;
    if ((stat.kind ?? stat.mediaType) !== 'video') continue;
    return {
      framesDecoded: numberOr0(stat.framesDecoded),
      frameWidth: numberOr0(stat.frameWidth),
      frameHeight: numberOr0(stat.frameHeight),
      framesPerSecond: numberOr0(stat.framesPerSecond),
      packetsLost: numberOr0(stat.packetsLost),
    };
  }
  return null;
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
