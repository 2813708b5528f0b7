// The picture size, profile and level an H.265 SPS declares (ITU-T H.265 7.3.2.2, 7.3.3).
// Throws a RangeError for anything it cannot read.
import { BitReader, unescapeRbsp } from '../../../common/bit-reader.js';
import { H265_NAL, h265NalType } from './h265-nal.js';
import { plausibleSize, type SpsInfo } from './sps-info.js';

export function parseH265Sps(nal: Buffer): SpsInfo {
  if (nal.length < 4 || h265NalType(nal[0] as number) !== H265_NAL.SPS) throw new RangeError('not an H.265 SPS');
  const r = new BitReader(unescapeRbsp(nal.subarray(2)));
  r.u(4); // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.u(3);
  r.u(1); // sps_temporal_id_nesting_flag
  // profile_tier_level(1, maxSubLayersMinus1)
  r.u(2); // general_profile_space
  r.u(1); // general_tier_flag
  const profileIdc = r.u(5);
  r.skip(32); // general_profile_compatibility_flags
  r.skip(4); // progressive, interlaced, non_packed, frame_only
  r.skip(44); // reserved / constraint flags
  const levelIdc = r.u(8);
  const subLayers: { profile: boolean; level: boolean }[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i += 1) subLayers.push({ profile: r.u(1) === 1, level: r.u(1) === 1 });
  if (maxSubLayersMinus1 > 0) for (let i = maxSubLayersMinus1; i < 8; i += 1) r.u(2);
  for (const layer of subLayers) {
    if (layer.profile) r.skip(88);
    if (layer.level) r.u(8);
  }
  r.ue(); // sps_seq_parameter_set_id
  const chromaFormatIdc = r.ue();
  if (chromaFormatIdc > 3) throw new RangeError('bad chroma_format_idc');
  if (chromaFormatIdc === 3) r.u(1); // separate_colour_plane_flag
  let width = r.ue();
  let height = r.ue();
  if (r.u(1)) {
    // conformance_window: offsets in chroma sample units (Table 6-1)
    const subWidth = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
    const subHeight = chromaFormatIdc === 1 ? 2 : 1;
    const [left, right, top, bottom] = [r.ue(), r.ue(), r.ue(), r.ue()];
    width -= subWidth * (left + right);
    height -= subHeight * (top + bottom);
  }
  if (!plausibleSize(width, height)) throw new RangeError(`implausible picture size ${width}x${height}`);
  return { width, height, profile: `${profileName(profileIdc)} ${(levelIdc / 30).toFixed(1).replace(/\.0$/, '')}` };
}

function profileName(idc: number): string {
  switch (idc) {
    case 1:
      return 'Main';
    case 2:
      return 'Main 10';
    case 3:
      return 'Main Still Picture';
    case 4:
      return 'Range Extensions';
    default:
      return `profile ${idc}`;
  }
}
