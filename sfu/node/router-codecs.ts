import type { types } from 'mediasoup';

// Cameras send Constrained Baseline, Main or High H.264; a producer only matches a router codec
// of the same profile, so the router offers all three. Chromium decodes all of them.
const h264Profiles = ['42e01f', '4d001f', '640032'];

export const routerMediaCodecs: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  ...h264Profiles.map(
    (profileLevelId): types.RtpCodecCapability => ({
      kind: 'video',
      mimeType: 'video/H264',
      clockRate: 90000,
      parameters: {
        'packetization-mode': 1,
        'profile-level-id': profileLevelId,
        'level-asymmetry-allowed': 1,
      },
    }),
  ),
];

/** profile-level-id for a camera's producer: from its SDP/SPS, or Constrained Baseline. */
export function producerProfileLevelId(fromCamera: string | undefined): string {
  return fromCamera && /^[0-9a-fA-F]{6}$/.test(fromCamera) ? fromCamera.toLowerCase() : '42e01f';
}

const BWE_HEADER_EXTENSIONS = new Set([
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
]);
const BWE_FEEDBACK = new Set(['transport-cc', 'goog-remb']);

/**
 * A viewer's capabilities without bandwidth estimation. A camera stream has one layer and no
 * encoder to adapt, so an estimate could change nothing, yet mediasoup would run a congestion
 * controller per transport for it: a pacer timer and periodic probe padding that cost more
 * worker CPU than forwarding the video itself.
 */
export function withoutBandwidthEstimation(capabilities: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: capabilities.codecs?.map((codec) => ({
      ...codec,
      rtcpFeedback: codec.rtcpFeedback?.filter((fb) => !BWE_FEEDBACK.has(fb.type)),
    })),
    headerExtensions: capabilities.headerExtensions?.filter((ext) => !BWE_HEADER_EXTENSIONS.has(ext.uri)),
  };
}
