// RTCP sender reports (RFC 3550 6.4.1): they tie an RTP timestamp to the sender's wall clock, which
// is how a receiver (and the latency bench) learns when a frame was captured.
const NTP_UNIX_OFFSET_S = 2_208_988_800;

export interface SenderReport {
  ssrc: number;
  /** Wall clock, milliseconds since the Unix epoch (fractions allowed). */
  wallClockMs: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
  cname: string;
}

export function toNtp(wallClockMs: number): { seconds: number; fraction: number } {
  const total = wallClockMs / 1000 + NTP_UNIX_OFFSET_S;
  const seconds = Math.floor(total);
  return { seconds: seconds >>> 0, fraction: Math.floor((total - seconds) * 2 ** 32) >>> 0 };
}

export function fromNtp(seconds: number, fraction: number): number {
  return (seconds - NTP_UNIX_OFFSET_S) * 1000 + (fraction / 2 ** 32) * 1000;
}

/** A compound packet: SR followed by SDES with the CNAME, as RFC 3550 6.1 requires. */
export function buildSenderReport(sr: SenderReport): Buffer {
  const cname = Buffer.from(sr.cname.slice(0, 255), 'utf8');
  // SSRC + CNAME item (type, length, text) + at least one null octet, padded to 32 bits.
  const sdesLength = 4 + Math.ceil((2 + cname.length + 1) / 4) * 4;
  const out = Buffer.alloc(28 + 4 + sdesLength);
  const ntp = toNtp(sr.wallClockMs);
  out[0] = 0x80;
  out[1] = 200;
  out.writeUInt16BE(6, 2);
  out.writeUInt32BE(sr.ssrc >>> 0, 4);
  out.writeUInt32BE(ntp.seconds, 8);
  out.writeUInt32BE(ntp.fraction, 12);
  out.writeUInt32BE(sr.rtpTimestamp >>> 0, 16);
  out.writeUInt32BE(sr.packetCount >>> 0, 20);
  out.writeUInt32BE(sr.octetCount >>> 0, 24);
  out[28] = 0x81;
  out[29] = 202;
  out.writeUInt16BE(sdesLength / 4, 30);
  out.writeUInt32BE(sr.ssrc >>> 0, 32);
  out[36] = 1; // CNAME
  out[37] = cname.length;
  cname.copy(out, 38);
  return out;
}
