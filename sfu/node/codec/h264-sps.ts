// The picture size, profile and level an H.264 SPS declares (ITU-T H.264 7.3.2.1.1). Throws a
// RangeError for anything it cannot read; callers turn that into a warning, never a crash.
import { BitReader, unescapeRbsp } from '../../../common/bit-reader.js';
import { H264_NAL, h264NalType } from './h264-nal.js';
import { plausibleSize, type SpsInfo } from './sps-info.js';

/** Profiles whose SPS carries chroma format, bit depths and scaling matrices. */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

export function parseH264Sps(nal: Buffer): SpsInfo {
  if (nal.length < 4 || h264NalType(nal[0] as number) !== H264_NAL.SPS) throw new RangeError('not an H.264 SPS');
  const r = new BitReader(unescapeRbsp(nal.subarray(1)));
  const profileIdc = r.u(8);
  const constraints = r.u(8);
  const levelIdc = r.u(8);
  r.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc > 3) throw new RangeError('bad chroma_format_idc');
    if (chromaFormatIdc === 3) r.u(1); // separate_colour_plane_flag
    r.ue(); // bit_depth_luma_minus8
    r.ue(); // bit_depth_chroma_minus8
    r.u(1); // qpprime_y_zero_transform_bypass_flag
    if (r.u(1)) {
      for (let i = 0; i < (chromaFormatIdc === 3 ? 12 : 8); i += 1) if (r.u(1)) skipScalingList(r, i < 6 ? 16 : 64);
    }
  }
  r.ue(); // log2_max_frame_num_minus4
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.u(1);
    r.se();
    r.se();
    const cycle = r.ue();
    if (cycle > 255) throw new RangeError('bad num_ref_frames_in_pic_order_cnt_cycle');
    for (let i = 0; i < cycle; i += 1) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.u(1);
  if (!frameMbsOnly) r.u(1); // mb_adaptive_frame_field_flag
  r.u(1); // direct_8x8_inference_flag
  const crop = r.u(1) ? [r.ue(), r.ue(), r.ue(), r.ue()] : [0, 0, 0, 0];
  const [left = 0, right = 0, top = 0, bottom = 0] = crop;
  const cropUnitX = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
  const cropUnitY = (chromaFormatIdc === 1 ? 2 : 1) * (2 - frameMbsOnly);
  const width = widthMbs * 16 - cropUnitX * (left + right);
  const height = (2 - frameMbsOnly) * heightMapUnits * 16 - cropUnitY * (top + bottom);
  if (!plausibleSize(width, height)) throw new RangeError(`implausible picture size ${width}x${height}`);
  return { width, height, profile: `${profileName(profileIdc, constraints)} ${levelName(levelIdc, constraints)}` };
}

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j += 1) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

function profileName(idc: number, constraints: number): string {
  const set1 = (constraints & 0x40) !== 0;
  switch (idc) {
    case 66:
      return set1 ? 'Constrained Baseline' : 'Baseline';
    case 77:
      return 'Main';
    case 88:
      return 'Extended';
    case 100:
      return 'High';
    case 110:
      return 'High 10';
    case 122:
      return 'High 4:2:2';
    case 244:
      return 'High 4:4:4';
    default:
      return `profile ${idc}`;
  }
}

function levelName(idc: number, constraints: number): string {
  // Level 1b is level_idc 11 with constraint_set3 in Baseline/Main (A.3.1).
  if (idc === 11 && constraints & 0x10) return '1b';
  return (idc / 10).toFixed(1).replace(/\.0$/, '');
}
