// H.264 NAL units as RTP carries them (RFC 6184): their types, the units a payload holds, and
// which of them a decoder can start at. The ingest, the probe and the SDP reader all ask here.

export const H264_NAL = {
  IDR: 5,
  SPS: 7,
  PPS: 8,
  STAP_A: 24,
  FU_A: 28,
} as const;

/** The type in a NAL unit's header byte (or an FU header). */
export const h264NalType = (header: number): number => header & 0x1f;

/** Types 1–23 are a NAL unit carried whole; 24–31 are RTP packetization structures. */
export const isH264SingleNal = (type: number): boolean => type >= 1 && type <= 23;

/** A decoder can start at an IDR picture. */
export const isH264Keyframe = (type: number): boolean => type === H264_NAL.IDR;

/** A NAL unit seen in a payload; `data` is absent for FU-A starts (only the header byte is known). */
export interface NalInfo {
  type: number;
  data?: Buffer;
}

/** The NAL units a payload starts or contains: single NAL, STAP-A aggregates, FU-A starts. */
export function h264NalUnits(payload: Buffer): NalInfo[] {
  if (payload.length === 0) return [];
  const type = h264NalType(payload[0] as number);
  if (isH264SingleNal(type)) return [{ type, data: payload }];
  if (type === H264_NAL.STAP_A) return [...stapUnits(payload)].map((data) => ({ type: h264NalType(data[0] as number), data }));
  if (type === H264_NAL.FU_A && payload.length >= 2 && (payload[1] as number) & 0x80) return [{ type: h264NalType(payload[1] as number) }];
  return [];
}

/** The NAL units inside a STAP-A, stopping at the first length that overruns the packet. */
export function* stapUnits(payload: Buffer): Generator<Buffer> {
  let offset = 1;
  while (offset + 2 <= payload.length) {
    const size = payload.readUInt16BE(offset);
    offset += 2;
    if (size === 0 || offset + size > payload.length) return;
    yield payload.subarray(offset, offset + size);
    offset += size;
  }
}

// The ingest sends bare 12-byte RTP headers and puts SPS/PPS in front of every IDR, so a key frame
// starts with an SPS (alone or first in a STAP-A) or, failing that, with the IDR itself (whole, or
// the first FU-A fragment). Only the first unit is looked at: this runs on every forwarded packet.
const RTP_HEADER = 12;
const opensKeyframe = (type: number): boolean => type === H264_NAL.SPS || isH264Keyframe(type);

/** Whether an RTP packet from the ingest begins an H.264 key frame. */
export function startsKeyframe(packet: Buffer): boolean {
  if (packet.length <= RTP_HEADER + 1) return false;
  const type = h264NalType(packet[RTP_HEADER] as number);
  if (type === H264_NAL.STAP_A) return packet.length > RTP_HEADER + 3 && opensKeyframe(h264NalType(packet[RTP_HEADER + 3] as number));
  if (type === H264_NAL.FU_A) {
    const fuHeader = packet[RTP_HEADER + 1] as number;
    return (fuHeader & 0x80) !== 0 && isH264Keyframe(h264NalType(fuHeader));
  }
  return opensKeyframe(type);
}

/** profile-level-id (6 hex digits) from an SPS NAL unit: profile_idc, constraint flags, level_idc. */
export function profileLevelIdOf(sps: Buffer): string | undefined {
  if (sps.length < 4 || h264NalType(sps[0] as number) !== H264_NAL.SPS) return undefined;
  return sps.subarray(1, 4).toString('hex');
}
