// What a capacity receiver counts per stream, from RTP headers only (nothing is decoded): packets,
// payload bytes, frames (the marker bit ends a video frame) and losses, the way RFC 3550 counts
// them: expected from the extended highest sequence number, lost = expected − received. A late or
// repeated packet is counted as received, so a loss that is repaired in time does not count.

export interface StreamCounts {
  packets: number;
  bytes: number;
  frames: number;
  /** Packets the sequence numbers say were sent since the first one seen. */
  expected: number;
}

export class StreamCounter {
  private packets = 0;
  private bytes = 0;
  private frames = 0;
  private baseSeq: number | undefined;
  /** Extended (wrap-counted) highest sequence number seen. */
  private highest = 0;

  onPacket(sequenceNumber: number, marker: boolean, payloadBytes: number): void {
    this.packets++;
    this.bytes += payloadBytes;
    if (marker) this.frames++;
    if (this.baseSeq === undefined) {
      this.baseSeq = sequenceNumber;
      this.highest = sequenceNumber;
      return;
    }
    // The extended number nearest the last highest: a jump of more than half the space is a wrap.
    const cycle = this.highest - (this.highest & 0xffff);
    let extended = cycle + sequenceNumber;
    if (extended - this.highest > 0x8000) extended -= 0x10000;
    else if (this.highest - extended > 0x8000) extended += 0x10000;
    if (extended > this.highest) this.highest = extended;
  }

  get counts(): StreamCounts {
    const expected = this.baseSeq === undefined ? 0 : this.highest - this.baseSeq + 1;
    return { packets: this.packets, bytes: this.bytes, frames: this.frames, expected };
  }
}

/** Loss between two readings of one stream, as a fraction of what was expected (0 when nothing was). */
export function lossBetween(before: StreamCounts, after: StreamCounts): number {
  const expected = after.expected - before.expected;
  const received = after.packets - before.packets;
  return expected > 0 ? Math.max(0, expected - received) / expected : 0;
}
