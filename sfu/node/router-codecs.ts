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
