// What one RTP payload tells a probe: does it start a keyframe, does it carry an SPS. H.264 per
// RFC 6184 (single NAL, STAP-A, FU-A), H.265 per RFC 7798 (single NAL, AP, FU). DONL fields
// (sprop-max-don-diff > 0) are not expected from cameras and would only hide an SPS, not mislead.
import { NAL_IDR, NAL_SPS, nalUnitsOf } from '../ingest/h264-packetizer.js';
import type { VideoCodec } from '../rtsp/sdp.js';

export interface PayloadFacts {
  keyframe: boolean;
  sps?: Buffer;
}

const H265_AP = 48;
const H265_FU = 49;
const H265_SPS = 33;
/** IRAP pictures (BLA, IDR, CRA): a decoder can start at each. */
const isH265Irap = (type: number): boolean => type >= 16 && type <= 21;
const h265Type = (byte: number): number => (byte >> 1) & 0x3f;

export function inspectPayload(codec: VideoCodec, payload: Buffer): PayloadFacts {
  if (codec === 'H264') return inspectH264(payload);
  if (codec === 'H265') return inspectH265(payload);
  return { keyframe: false };
}

function inspectH264(payload: Buffer): PayloadFacts {
  const facts: PayloadFacts = { keyframe: false };
  for (const nal of nalUnitsOf(payload)) {
    if (nal.type === NAL_IDR) facts.keyframe = true;
    else if (nal.type === NAL_SPS && nal.data) facts.sps = nal.data;
  }
  return facts;
}

function inspectH265(payload: Buffer): PayloadFacts {
  const facts: PayloadFacts = { keyframe: false };
  if (payload.length < 3) return facts;
  const type = h265Type(payload[0] as number);
  const see = (nal: Buffer): void => {
    const t = h265Type(nal[0] as number);
    if (isH265Irap(t)) facts.keyframe = true;
    else if (t === H265_SPS) facts.sps = nal;
  };
  if (type < H265_AP) see(payload);
  else if (type === H265_AP) {
    let offset = 2;
    while (offset + 2 <= payload.length) {
      const size = payload.readUInt16BE(offset);
      offset += 2;
      if (size < 2 || offset + size > payload.length) break;
      see(payload.subarray(offset, offset + size));
      offset += size;
    }
  } else if (type === H265_FU) {
    const fuHeader = payload[2] as number;
    if (fuHeader & 0x80 && isH265Irap(fuHeader & 0x3f)) facts.keyframe = true;
  }
  return facts;
}
