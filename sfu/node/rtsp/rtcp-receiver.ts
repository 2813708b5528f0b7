// Receiver-side RTCP (RFC 3550 §6.4.2, A.1, A.3, A.8). Some camera servers (live555 among them)
// treat incoming RTCP as a liveness signal, and RR loss figures help diagnose a camera's network.
import type { RtpView } from './rtp-packet.js';

const RTCP_SR = 200;
const RTCP_RR = 201;
const RTCP_SDES = 202;

export class ReceiverStats {
  private source: number | undefined;
  private baseSeq = 0;
  private maxSeq = 0;
  private cycles = 0;
  private received = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;
  private jitter = 0;
  private lastTransit: number | undefined;
  private lastSrNtpMiddle = 0;
  private lastSrAtMs = 0;

  constructor(private readonly clockRate: number) {}

  onRtp(packet: RtpView, arrivalMs: number): void {
    if (packet.ssrc !== this.source) this.reset(packet);
    const seq = packet.sequenceNumber;
    const delta = (seq - this.maxSeq) & 0xffff;
    if (delta > 0 && delta < 0x8000) {
      if (seq < this.maxSeq) this.cycles += 0x10000;
      this.maxSeq = seq;
    }
    this.received++;
    const transit = Math.round((arrivalMs * this.clockRate) / 1000) - packet.timestamp;
    if (this.lastTransit !== undefined) {
      const d = Math.abs(transit - this.lastTransit);
      if (d < this.clockRate * 10) this.jitter += (d - this.jitter) / 16;
    }
    this.lastTransit = transit;
  }

  /** Notes the server's sender reports (for LSR/DLSR). Accepts a compound packet. */
  onRtcp(compound: Buffer, arrivalMs: number): void {
    let offset = 0;
    while (offset + 4 <= compound.length) {
      const pt = compound[offset + 1];
      const length = (compound.readUInt16BE(offset + 2) + 1) * 4;
      if (pt === RTCP_SR && offset + 20 <= compound.length) {
        // Middle 32 bits of the 64-bit NTP timestamp at bytes 8..15 of the SR.
        this.lastSrNtpMiddle = compound.readUInt32BE(offset + 10);
        this.lastSrAtMs = arrivalMs;
      }
      offset += length;
    }
  }

  /** A compound RR + SDES(CNAME) packet, or undefined before any RTP arrived. */
  buildReport(ownSsrc: number, cname: string, nowMs: number): Buffer | undefined {
    if (this.source === undefined) return undefined;
    const extendedMax = this.cycles + this.maxSeq;
    const expected = extendedMax - this.baseSeq + 1;
    const lost = Math.max(-0x800000, Math.min(0x7fffff, expected - this.received));
    const expectedInterval = expected - this.expectedPrior;
    const receivedInterval = this.received - this.receivedPrior;
    this.expectedPrior = expected;
    this.receivedPrior = this.received;
    const lostInterval = expectedInterval - receivedInterval;
    const fraction = expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.min(255, Math.floor((lostInterval * 256) / expectedInterval));

    const rr = Buffer.alloc(32);
    rr[0] = 0x81; // V=2, RC=1
    rr[1] = RTCP_RR;
    rr.writeUInt16BE(7, 2);
    rr.writeUInt32BE(ownSsrc >>> 0, 4);
    rr.writeUInt32BE(this.source, 8);
    rr.writeUInt32BE(((fraction << 24) | (lost & 0xffffff)) >>> 0, 12);
    rr.writeUInt32BE(extendedMax >>> 0, 16);
    rr.writeUInt32BE(Math.floor(this.jitter) >>> 0, 20);
    rr.writeUInt32BE(this.lastSrNtpMiddle >>> 0, 24);
    const dlsr = this.lastSrAtMs ? Math.floor(((nowMs - this.lastSrAtMs) / 1000) * 65536) : 0;
    rr.writeUInt32BE(Math.max(0, Math.min(0xffffffff, dlsr)) >>> 0, 28);

    const name = Buffer.from(cname.slice(0, 255), 'utf8').subarray(0, 255);
    const chunkLength = 4 + 2 + name.length + 1; // SSRC, type+len, text, END
    const padded = Math.ceil(chunkLength / 4) * 4;
    const sdes = Buffer.alloc(4 + padded);
    sdes[0] = 0x81; // V=2, SC=1
    sdes[1] = RTCP_SDES;
    sdes.writeUInt16BE(padded / 4, 2);
    sdes.writeUInt32BE(ownSsrc >>> 0, 4);
    sdes[8] = 1; // CNAME
    sdes[9] = name.length;
    name.copy(sdes, 10);
    return Buffer.concat([rr, sdes]);
  }

  private reset(packet: RtpView): void {
    this.source = packet.ssrc;
    this.baseSeq = packet.sequenceNumber;
    this.maxSeq = packet.sequenceNumber;
    this.cycles = 0;
    this.received = 0;
    this.expectedPrior = 0;
    this.receivedPrior = 0;
    this.jitter = 0;
    this.lastTransit = undefined;
  }
}
