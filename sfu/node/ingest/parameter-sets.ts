// Chromium cannot start decoding H.264 without SPS and PPS, and many cameras send them only in
// the SDP. Before each IDR that arrives without them in-band (same timestamp), we insert the
// latest known sets: in-band ones if the camera ever sent them, else the SDP's. Every IDR, not
// just the first, so a viewer who joins later can start on the next keyframe.
import { MAX_PARAMETER_SET_BYTES } from '../../../common/bit-reader.js';
import { H264_NAL, h264NalUnits, isH264Keyframe, profileLevelIdOf } from '../codec/h264-nal.js';
import { parameterSetPayloads } from './h264-packetizer.js';

export class ParameterSetInjector {
  private sdpSps: Buffer | undefined;
  private sdpPps: Buffer | undefined;
  private inBandSps: Buffer | undefined;
  private inBandPps: Buffer | undefined;
  private spsTimestamp: number | undefined;
  private ppsTimestamp: number | undefined;
  private injectedTimestamp: number | undefined;
  private injections = 0;

  constructor(private readonly maxPayload: number) {}

  /** A new RTSP session: the camera may have been reconfigured, so forget what it sent before. */
  beginSession(sdpSps: Buffer[], sdpPps: Buffer[]): void {
    this.sdpSps = sdpSps[0];
    this.sdpPps = sdpPps[0];
    this.inBandSps = undefined;
    this.inBandPps = undefined;
    this.spsTimestamp = undefined;
    this.ppsTimestamp = undefined;
    this.injectedTimestamp = undefined;
  }

  get injected(): number {
    return this.injections;
  }

  /** The stream's profile-level-id as its SPS states it, when one is known. */
  get profileLevelId(): string | undefined {
    const sps = this.inBandSps ?? this.sdpSps;
    return sps ? profileLevelIdOf(sps) : undefined;
  }

  /** Looks at one input payload (camera timestamp); returns payloads to send before it. */
  inspect(payload: Buffer, timestamp: number): Buffer[] {
    for (const nal of h264NalUnits(payload)) {
      if (nal.type === H264_NAL.SPS) {
        this.spsTimestamp = timestamp;
        if (nal.data && nal.data.length <= MAX_PARAMETER_SET_BYTES) this.inBandSps = Buffer.from(nal.data);
      } else if (nal.type === H264_NAL.PPS) {
        this.ppsTimestamp = timestamp;
        if (nal.data && nal.data.length <= MAX_PARAMETER_SET_BYTES) this.inBandPps = Buffer.from(nal.data);
      } else if (isH264Keyframe(nal.type)) {
        const inBand = this.spsTimestamp === timestamp && this.ppsTimestamp === timestamp;
        if (inBand || this.injectedTimestamp === timestamp) return [];
        const sps = this.inBandSps ?? this.sdpSps;
        const pps = this.inBandPps ?? this.sdpPps;
        if (!sps || !pps) return [];
        this.injectedTimestamp = timestamp;
        this.injections++;
        return parameterSetPayloads([sps, pps], this.maxPayload);
      }
    }
    return [];
  }
}
