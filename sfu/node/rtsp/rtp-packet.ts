// Minimal RTP (RFC 3550) reading: enough to reject garbage before it reaches mediasoup and to
// find the payload without trusting any length a camera wrote.

export interface RtpView {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  /** Payload without CSRCs, header extension or padding. */
  payload: Buffer;
}

/** Parses a packet, or returns undefined if it is not well-formed RTP version 2. */
export function readRtp(packet: Buffer): RtpView | undefined {
  if (packet.length < 12) return undefined;
  const b0 = packet[0] as number;
  if (b0 >> 6 !== 2) return undefined;
  let offset = 12 + (b0 & 0x0f) * 4;
  if (b0 & 0x10) {
    if (offset + 4 > packet.length) return undefined;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  let end = packet.length;
  if (b0 & 0x20) {
    const padding = packet[packet.length - 1] as number;
    if (padding === 0) return undefined;
    end -= padding;
  }
  if (offset > end) return undefined;
  const b1 = packet[1] as number;
  return {
    marker: (b1 & 0x80) !== 0,
    payloadType: b1 & 0x7f,
    sequenceNumber: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(offset, end),
  };
}

/** The timestamp of a packet already known to be RTP, read without parsing the rest. */
export function rtpTimestamp(packet: Buffer): number {
  return packet.readUInt32BE(4);
}

export function isValidRtp(packet: Buffer): boolean {
  return readRtp(packet) !== undefined;
}

/** RTCP packet types 200–204 share the second byte's range with RTP marker+PT 72–76. */
export function looksLikeRtcp(packet: Buffer): boolean {
  const pt = packet[1];
  return packet.length >= 8 && pt !== undefined && pt >= 200 && pt <= 204 && (packet[0] as number) >> 6 === 2;
}

/** A plain 12-byte-header RTP packet. */
export function writeRtp(fields: Omit<RtpView, 'payload'>, payload: Buffer): Buffer {
  const packet = Buffer.allocUnsafe(12 + payload.length);
  packet[0] = 0x80;
  packet[1] = (fields.marker ? 0x80 : 0) | (fields.payloadType & 0x7f);
  packet.writeUInt16BE(fields.sequenceNumber & 0xffff, 2);
  packet.writeUInt32BE(fields.timestamp >>> 0, 4);
  packet.writeUInt32BE(fields.ssrc >>> 0, 8);
  payload.copy(packet, 12);
  return packet;
}
