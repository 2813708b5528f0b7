// H.265 NAL units as RTP carries them (RFC 7798): their types, the units a payload holds, and
// which of them a decoder can start at. DONL fields (sprop-max-don-diff > 0) are not expected from
// cameras and would only hide a unit, not mislead.
import type { NalInfo } from './h264-nal.js';

export const H265_NAL = {
  SPS: 33,
  AP: 48,
  FU: 49,
} as const;

/** The type in a NAL unit's first header byte. */
export const h265NalType = (header: number): number => (header >> 1) & 0x3f;

/** IRAP pictures (BLA, IDR, CRA): a decoder can start at each. */
export const isH265Keyframe = (type: number): boolean => type >= 16 && type <= 21;

/** The NAL units a payload starts or contains: single NAL, aggregation packets, FU starts. */
export function h265NalUnits(payload: Buffer): NalInfo[] {
  if (payload.length < 3) return [];
  const type = h265NalType(payload[0] as number);
  if (type < H265_NAL.AP) return [{ type, data: payload }];
  if (type === H265_NAL.AP) return [...aggregatedUnits(payload)].map((data) => ({ type: h265NalType(data[0] as number), data }));
  const fuHeader = payload[2] as number;
  if (type === H265_NAL.FU && fuHeader & 0x80) return [{ type: fuHeader & 0x3f }];
  return [];
}

/** The NAL units inside an AP, stopping at the first length that overruns the packet. */
function* aggregatedUnits(payload: Buffer): Generator<Buffer> {
  let offset = 2;
  while (offset + 2 <= payload.length) {
    const size = payload.readUInt16BE(offset);
    offset += 2;
    if (size < 2 || offset + size > payload.length) return;
    yield payload.subarray(offset, offset + size);
    offset += size;
  }
}
