// Just enough of an H.264 SPS (7.3.2.1.1, E.1.1) to learn picture size and the frame rate the encoder
// wrote into the VUI, so the simulator plays a clip at its true rate.
// Written apart from the media plane's own SPS parser and NAL types on purpose, like annexb.ts: a
// test fixture must not share the client's bugs, or a misreading would pass on both sides unseen.
import { BitReader, unescapeRbsp } from '../../common/bit-reader.js';

export interface H264SpsInfo {
  profileIdc: number;
  levelIdc: number;
  width: number;
  height: number;
  /** Frames per second from the VUI timing info, when present. */
  fps?: number;
}

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j += 1) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

export function parseH264Sps(nal: Buffer): H264SpsInfo {
  const r = new BitReader(unescapeRbsp(nal.subarray(1)));
  const profileIdc = r.u(8);
  r.u(8); // constraint flags
  const levelIdc = r.u(8);
  r.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  if ([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profileIdc)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc === 3) r.u(1);
    r.ue();
    r.ue();
    r.u(1);
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
    for (let i = 0; i < cycle; i += 1) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.u(1);
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.u(1);
  if (!frameMbsOnly) r.u(1);
  r.u(1); // direct_8x8_inference_flag
  let crop = [0, 0, 0, 0];
  if (r.u(1)) crop = [r.ue(), r.ue(), r.ue(), r.ue()];
  const cropUnitX = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
  const cropUnitY = (chromaFormatIdc === 1 ? 2 : 1) * (2 - frameMbsOnly);
  const [left = 0, right = 0, top = 0, bottom = 0] = crop;
  const info: H264SpsInfo = {
    profileIdc,
    levelIdc,
    width: widthMbs * 16 - cropUnitX * (left + right),
    height: (2 - frameMbsOnly) * heightMapUnits * 16 - cropUnitY * (top + bottom),
  };
  if (r.u(1)) {
    const fps = readVuiFrameRate(r);
    if (fps !== undefined) info.fps = fps;
  }
  return info;
}

function readVuiFrameRate(r: BitReader): number | undefined {
  if (r.u(1) && r.u(8) === 255) r.u(32); // aspect_ratio_info, Extended_SAR
  if (r.u(1)) r.u(1); // overscan
  if (r.u(1)) {
    r.u(4); // video_format, video_full_range_flag
    if (r.u(1)) r.u(24); // colour description
  }
  if (r.u(1)) {
    r.ue();
    r.ue();
  }
  if (!r.u(1)) return undefined;
  const numUnitsInTick = r.u(32);
  const timeScale = r.u(32);
  // Frame rate is time_scale / (2 * num_units_in_tick) for progressive content (field-based ticks).
  return numUnitsInTick > 0 ? timeScale / (2 * numUnitsInTick) : undefined;
}
