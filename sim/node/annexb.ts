// Annex-B elementary streams: start-code framing, NAL unit types, and grouping into access units.
export type VideoCodec = 'h264' | 'h265';

export interface AccessUnit {
  /** NAL units without start codes, in decoding order. */
  readonly nals: Buffer[];
  /** True when the unit holds an IDR (H.264) or IRAP (H.265) picture: a decoder can start here. */
  readonly keyframe: boolean;
}

/** Splits on 3- and 4-byte start codes; returned buffers are views into `data`. */
export function splitNalUnits(data: Buffer): Buffer[] {
  const nals: Buffer[] = [];
  let start = -1;
  let i = 0;
  while (i + 2 < data.length) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (start >= 0) nals.push(trimTrailingZeros(data.subarray(start, i)));
      i += 3;
      start = i;
    } else {
      i += 1;
    }
  }
  if (start >= 0 && start < data.length) nals.push(trimTrailingZeros(data.subarray(start)));
  return nals.filter((n) => n.length > 0);
}

// The zero before a 4-byte start code (and trailing_zero_8bits) belong to no NAL unit.
function trimTrailingZeros(nal: Buffer): Buffer {
  let end = nal.length;
  while (end > 0 && nal[end - 1] === 0) end -= 1;
  return nal.subarray(0, end);
}

export function nalType(codec: VideoCodec, nal: Buffer): number {
  const b = nal[0] ?? 0;
  return codec === 'h264' ? b & 0x1f : (b >> 1) & 0x3f;
}

export const H264 = { SLICE: 1, IDR: 5, SEI: 6, SPS: 7, PPS: 8, AUD: 9 } as const;
export const H265 = { BLA_W_LP: 16, CRA: 21, VPS: 32, SPS: 33, PPS: 34, AUD: 35, PREFIX_SEI: 39 } as const;

export function isVcl(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? type >= 1 && type <= 5 : type <= 31;
}

export function isKeyframeNal(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? type === H264.IDR : type >= H265.BLA_W_LP && type <= 23;
}

// NALs that may only come before the first slice of a picture, so they open a new access unit.
function opensAccessUnit(codec: VideoCodec, type: number): boolean {
  if (codec === 'h264') return (type >= 6 && type <= 9) || (type >= 14 && type <= 18);
  return (type >= H265.VPS && type <= H265.AUD) || type === H265.PREFIX_SEI || (type >= 41 && type <= 44);
}

// first_mb_in_slice == 0 (H.264: ue(v) "1" bit) or first_slice_segment_in_pic_flag (H.265).
function isFirstSliceOfPicture(codec: VideoCodec, nal: Buffer): boolean {
  return codec === 'h264' ? ((nal[1] ?? 0) & 0x80) !== 0 : ((nal[2] ?? 0) & 0x80) !== 0;
}

/** Groups NAL units into access units following the first-NAL rules of H.264 7.4.1.2.3 / H.265 7.4.2.4.4. */
export function groupAccessUnits(codec: VideoCodec, nals: Buffer[]): AccessUnit[] {
  const units: AccessUnit[] = [];
  let current: Buffer[] = [];
  let sawVcl = false;
  let keyframe = false;
  const flush = (): void => {
    if (current.length > 0 && sawVcl) units.push({ nals: current, keyframe });
    else if (current.length > 0 && units.length > 0) units[units.length - 1]?.nals.push(...current);
    current = [];
    sawVcl = false;
    keyframe = false;
  };
  for (const nal of nals) {
    const type = nalType(codec, nal);
    const vcl = isVcl(codec, type);
    if (sawVcl && (opensAccessUnit(codec, type) || (vcl && isFirstSliceOfPicture(codec, nal)))) flush();
    current.push(nal);
    if (vcl) {
      sawVcl = true;
      if (isKeyframeNal(codec, type)) keyframe = true;
    }
  }
  flush();
  return units;
}

export interface ParameterSets {
  vps?: Buffer;
  sps: Buffer;
  pps: Buffer;
}

/** The first VPS/SPS/PPS in the stream, as the SDP's sprop parameters need them. */
export function findParameterSets(codec: VideoCodec, nals: Buffer[]): ParameterSets | undefined {
  const first = (t: number): Buffer | undefined => nals.find((n) => nalType(codec, n) === t);
  const sps = first(codec === 'h264' ? H264.SPS : H265.SPS);
  const pps = first(codec === 'h264' ? H264.PPS : H265.PPS);
  if (!sps || !pps) return undefined;
  if (codec === 'h264') return { sps, pps };
  const vps = first(H265.VPS);
  return vps ? { vps, sps, pps } : undefined;
}
