// Whether an RTP packet from the ingest begins an H.264 key frame. The ingest sends bare 12-byte
// RTP headers and puts SPS/PPS in front of every IDR, so a key frame starts with an SPS (alone or
// first in a STAP-A) or, failing that, with the IDR itself (whole, or the first FU-A fragment).
const RTP_HEADER = 12;
const SPS = 7;
const IDR = 5;
const STAP_A = 24;
const FU_A = 28;

export function startsKeyframe(packet: Buffer): boolean {
  if (packet.length <= RTP_HEADER + 1) return false;
  const nalType = packet[RTP_HEADER]! & 0x1f;
  if (nalType === SPS || nalType === IDR) return true;
  if (nalType === STAP_A && packet.length > RTP_HEADER + 3) {
    const first = packet[RTP_HEADER + 3]! & 0x1f;
    return first === SPS || first === IDR;
  }
  if (nalType === FU_A) {
    const fuHeader = packet[RTP_HEADER + 1]!;
    return (fuHeader & 0x80) !== 0 && (fuHeader & 0x1f) === IDR;
  }
  return false;
}

export function rtpTimestamp(packet: Buffer): number {
  return packet.readUInt32BE(4);
}
