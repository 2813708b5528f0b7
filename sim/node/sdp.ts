// The DESCRIBE answer for one video stream (RFC 4566; fmtp per RFC 6184 8.1 and RFC 7798 7.1).
import type { Clip } from './clip.js';

export const PAYLOAD_TYPE = 96;

export interface SdpInput {
  clip: Clip;
  /** Absolute URL the client must SETUP. */
  trackUrl: string;
  serverHost: string;
  name: string;
  sessionVersion: number;
}

function fmtp(clip: Clip): string {
  const b64 = (b: Buffer | undefined): string => (b ? b.toString('base64') : '');
  if (clip.codec === 'h264') {
    const sprop = `${b64(clip.params.sps)},${b64(clip.params.pps)}`;
    return `packetization-mode=1;profile-level-id=${clip.profileLevelId ?? '42e01f'};sprop-parameter-sets=${sprop}`;
  }
  return `sprop-vps=${b64(clip.params.vps)};sprop-sps=${b64(clip.params.sps)};sprop-pps=${b64(clip.params.pps)}`;
}

export function buildSdp(input: SdpInput): string {
  const { clip } = input;
  const lines = [
    'v=0',
    `o=- ${input.sessionVersion} 1 IN IP4 ${input.serverHost}`,
    `s=${input.name.replace(/[\r\n]/g, ' ')}`,
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'a=control:*',
    'a=range:npt=0-',
    `m=video 0 RTP/AVP ${PAYLOAD_TYPE}`,
    `a=rtpmap:${PAYLOAD_TYPE} ${clip.codec === 'h264' ? 'H264' : 'H265'}/90000`,
    `a=fmtp:${PAYLOAD_TYPE} ${fmtp(clip)}`,
    `a=framerate:${clip.fps}`,
  ];
  if (clip.width && clip.height) lines.push(`a=x-dimensions:${clip.width},${clip.height}`);
  lines.push(`a=control:${input.trackUrl}`);
  return `${lines.join('\r\n')}\r\n`;
}
