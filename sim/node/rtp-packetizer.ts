// RTP payloads for H.264 (RFC 6184, packetization-mode=1) and H.265 (RFC 7798): single NAL unit
// packets, and fragmentation units for NALs bigger than the payload limit. No aggregation packets:
// cameras rarely send them and every depacketizer must handle the single-NAL case anyway.
import type { AccessUnit, VideoCodec } from './annexb.js';

export interface RtpPayload {
  readonly payload: Buffer;
  /** Set on the last packet of an access unit (RFC 6184 5.1, RFC 7798 4.1). */
  readonly marker: boolean;
}

/** Fits a 1500-byte path MTU with room for IP, UDP, RTP and a tunnel or two. */
export const DEFAULT_MAX_PAYLOAD = 1200;
/** What some cameras send over TCP interleaved: a client must re-fragment before forwarding over UDP. */
export const OVERSIZED_MAX_PAYLOAD = 8000;

const H264_FU_A = 28;
const H265_FU = 49;

/** Splits one NAL unit into RTP payloads no larger than maxPayload bytes. */
export function packetizeNal(codec: VideoCodec, nal: Buffer, maxPayload = DEFAULT_MAX_PAYLOAD): Buffer[] {
  if (nal.length <= maxPayload) return [nal];
  return codec === 'h264' ? fragmentH264(nal, maxPayload) : fragmentH265(nal, maxPayload);
}

function fragmentH264(nal: Buffer, maxPayload: number): Buffer[] {
  const header = nal[0] ?? 0;
  const indicator = (header & 0xe0) | H264_FU_A;
  const type = header & 0x1f;
  return fragments(nal.subarray(1), maxPayload - 2, (start, end) => Buffer.from([indicator, fuHeader(start, end, type)]));
}

function fragmentH265(nal: Buffer, maxPayload: number): Buffer[] {
  const h0 = nal[0] ?? 0;
  const h1 = nal[1] ?? 0;
  const type = (h0 >> 1) & 0x3f;
  // PayloadHdr keeps F and LayerId from the NAL and carries type 49; TID stays in the second byte.
  const payloadHdr0 = (h0 & 0x81) | (H265_FU << 1);
  return fragments(nal.subarray(2), maxPayload - 3, (start, end) =>
    Buffer.from([payloadHdr0, h1, fuHeader(start, end, type)]),
  );
}

function fuHeader(start: boolean, end: boolean, type: number): number {
  return (start ? 0x80 : 0) | (end ? 0x40 : 0) | type;
}

function fragments(body: Buffer, chunk: number, header: (start: boolean, end: boolean) => Buffer): Buffer[] {
  if (chunk < 1) throw new RangeError('max payload too small for fragmentation');
  const out: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += chunk) {
    const end = Math.min(body.length, offset + chunk);
    out.push(Buffer.concat([header(offset === 0, end === body.length), body.subarray(offset, end)]));
  }
  return out;
}

/** All payloads of one access unit in sending order, the marker on the last. */
export function packetizeAccessUnit(
  codec: VideoCodec,
  unit: Pick<AccessUnit, 'nals'>,
  maxPayload = DEFAULT_MAX_PAYLOAD,
): RtpPayload[] {
  const payloads = unit.nals.flatMap((nal) => packetizeNal(codec, nal, maxPayload));
  return payloads.map((payload, i) => ({ payload, marker: i === payloads.length - 1 }));
}

export interface RtpHeader {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  marker: boolean;
}

export const RTP_HEADER_SIZE = 12;

export function writeRtpHeader(target: Buffer, offset: number, h: RtpHeader): void {
  target[offset] = 0x80; // V=2, no padding, no extension, no CSRC
  target[offset + 1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  target.writeUInt16BE(h.sequenceNumber & 0xffff, offset + 2);
  target.writeUInt32BE(h.timestamp >>> 0, offset + 4);
  target.writeUInt32BE(h.ssrc >>> 0, offset + 8);
}

export function buildRtpPacket(h: RtpHeader, payload: Buffer): Buffer {
  const packet = Buffer.allocUnsafe(RTP_HEADER_SIZE + payload.length);
  writeRtpHeader(packet, 0, h);
  payload.copy(packet, RTP_HEADER_SIZE);
  return packet;
}
