// What one RTP payload tells a probe: does it start a keyframe, does it carry an SPS.
import { H264_NAL, h264NalUnits, isH264Keyframe, type NalInfo } from '../codec/h264-nal.js';
import { H265_NAL, h265NalUnits, isH265Keyframe } from '../codec/h265-nal.js';
import type { VideoCodec } from '../rtsp/sdp.js';

export interface PayloadFacts {
  keyframe: boolean;
  sps?: Buffer;
}

export function inspectPayload(codec: VideoCodec, payload: Buffer): PayloadFacts {
  if (codec === 'H264') return factsOf(h264NalUnits(payload), isH264Keyframe, H264_NAL.SPS);
  if (codec === 'H265') return factsOf(h265NalUnits(payload), isH265Keyframe, H265_NAL.SPS);
  return { keyframe: false };
}

function factsOf(units: NalInfo[], isKeyframe: (type: number) => boolean, spsType: number): PayloadFacts {
  const facts: PayloadFacts = { keyframe: false };
  for (const nal of units) {
    if (isKeyframe(nal.type)) facts.keyframe = true;
    else if (nal.type === spsType && nal.data) facts.sps = nal.data;
  }
  return facts;
}
