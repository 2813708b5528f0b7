// The video track of a camera's SDP (RFC 4566 subset). Cameras' SDPs vary and some are broken:
// everything is bounded, and anything unreadable is a typed SdpParse error, never a throw.
import { MAX_PARAMETER_SET_BYTES } from '../../../common/bit-reader.js';
import { createLogger } from '../../../common/logger.js';
import { H264_NAL, h264NalType } from '../codec/h264-nal.js';
import { sdpParseError, unsupported } from './errors.js';

const log = createLogger('rtsp-sdp');

const MAX_SDP_CHARS = 64 * 1024;
const MAX_LINES = 1024;
const MAX_PARAMETER_SETS = 8;

export type VideoCodec = 'H264' | 'H265' | 'other';

export interface VideoTrack {
  codec: VideoCodec;
  /**
   * As named in a=rtpmap (upper case), e.g. "H264", "H265", "JPEG", when it is a video encoding
   * we know of; "UNKNOWN" otherwise, so a camera's own text never reaches a tile or an installer.
   */
  encodingName: string;
  payloadType: number;
  clockRate: number;
  /** The media-level a=control value as written ("" when absent). */
  control: string;
  fmtp: Readonly<Record<string, string>>;
  /** packetization-mode for H.264 (0 when absent, per RFC 6184). */
  packetizationMode: number;
  profileLevelId?: string;
  /** Parameter sets from the SDP (H.264: sprop-parameter-sets; H.265: sprop-vps/sps/pps). */
  vps: Buffer[];
  sps: Buffer[];
  pps: Buffer[];
}

export interface SessionDescription {
  /** The session-level a=control value ("" when absent): the aggregate control URL. */
  sessionControl: string;
  video: VideoTrack;
}

const staticVideoTypes: Record<number, string> = { 26: 'JPEG', 31: 'H261', 32: 'MPV', 34: 'H263' };
/** The RTP video encoding names (IANA's media types registry, and HEVC as some cameras write H.265). */
const knownVideoEncodings = new Set([
  ...Object.values(staticVideoTypes),
  'H264',
  'H264-SVC',
  'H265',
  'HEVC',
  'H266',
  'H263-1998',
  'H263-2000',
  'MP4V-ES',
  'MP2T',
  'MP1S',
  'MP2P',
  'BMPEG',
  'BT656',
  'CELB',
  'DV',
  'JPEG2000',
  'JXSV',
  'NV',
  'RAW',
  'SMPTE292M',
  'VP8',
  'VP9',
  'AV1',
]);

export function parseSdp(text: string): SessionDescription {
  if (text.length > MAX_SDP_CHARS) throw sdpParseError('too large');
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0);
  if (lines.length > MAX_LINES) throw sdpParseError('too many lines');
  if (!lines[0]?.startsWith('v=')) throw sdpParseError('missing v= line');

  let sessionControl = '';
  let inVideo = false;
  let inSession = true;
  let seenVideo = false;
  let formats: number[] = [];
  let control = '';
  const rtpmaps = new Map<number, { name: string; clockRate: number }>();
  const fmtps = new Map<number, string>();

  for (const line of lines) {
    if (!/^[a-z]=/.test(line)) continue; // some cameras add stray lines; skip rather than refuse
    const value = line.slice(2);
    if (line.startsWith('m=')) {
      if (seenVideo) break; // the first video media is the one we pull
      inSession = false;
      inVideo = value.startsWith('video ');
      if (inVideo) {
        seenVideo = true;
        formats = parseFormats(value);
      }
      continue;
    }
    if (!line.startsWith('a=')) continue;
    const attribute = /^([\w-]+)(?::(.*))?$/.exec(value);
    if (!attribute) continue;
    const [, name = '', attrValue = ''] = attribute;
    if (name === 'control') {
      if (inVideo) control = attrValue.trim();
      else if (inSession) sessionControl = attrValue.trim();
    } else if (inVideo && name === 'rtpmap') {
      const rtpmap = /^(\d{1,3})\s+([\w.-]{1,32})\/(\d{1,9})(?:\/.*)?$/.exec(attrValue.trim());
      if (rtpmap) rtpmaps.set(Number(rtpmap[1]), { name: (rtpmap[2] ?? '').toUpperCase(), clockRate: Number(rtpmap[3]) });
    } else if (inVideo && name === 'fmtp') {
      const fmtp = /^(\d{1,3})\s+(.*)$/.exec(attrValue.trim());
      if (fmtp) fmtps.set(Number(fmtp[1]), fmtp[2] ?? '');
    }
  }
  if (!seenVideo) throw unsupported('no video track');
  if (formats.length === 0) throw sdpParseError('video media without payload types');
  const payloadType = formats.find((pt) => rtpmaps.has(pt)) ?? (formats[0] as number);
  const rtpmap = rtpmaps.get(payloadType);
  const named = rtpmap?.name ?? staticVideoTypes[payloadType];
  const encodingName = named !== undefined && knownVideoEncodings.has(named) ? named : 'UNKNOWN';
  const clockRate = rtpmap?.clockRate ?? 90000;
  if (clockRate <= 0) throw sdpParseError('bad clock rate');
  const fmtp = parseFmtp(fmtps.get(payloadType) ?? '');
  const codec: VideoCodec = encodingName === 'H264' ? 'H264' : encodingName === 'H265' || encodingName === 'HEVC' ? 'H265' : 'other';
  const track: VideoTrack = {
    codec,
    encodingName,
    payloadType,
    clockRate,
    control,
    fmtp,
    packetizationMode: /^\d$/.test(fmtp['packetization-mode'] ?? '') ? Number(fmtp['packetization-mode']) : 0,
    profileLevelId: /^[0-9a-f]{6}$/i.test(fmtp['profile-level-id'] ?? '') ? fmtp['profile-level-id'] : undefined,
    vps: [],
    sps: [],
    pps: [],
  };
  if (codec === 'H264') {
    for (const set of decodeSets(fmtp['sprop-parameter-sets'])) {
      const nalType = h264NalType(set[0] ?? 0);
      if (nalType === H264_NAL.SPS) track.sps.push(set);
      else if (nalType === H264_NAL.PPS) track.pps.push(set);
    }
  } else if (codec === 'H265') {
    track.vps = decodeSets(fmtp['sprop-vps']);
    track.sps = decodeSets(fmtp['sprop-sps']);
    track.pps = decodeSets(fmtp['sprop-pps']);
  }
  return { sessionControl, video: track };
}

function parseFormats(media: string): number[] {
  // m=video <port> <proto> <fmt> ...
  const fields = media.trim().split(/\s+/).slice(3, 3 + 32);
  return fields.filter((f) => /^\d{1,3}$/.test(f) && Number(f) < 128).map(Number);
}

function parseFmtp(text: string): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of text.split(';').slice(0, 64)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return params;
}

/** Comma-separated base64 parameter sets; invalid ones are skipped (they may still come in-band). */
function decodeSets(value: string | undefined): Buffer[] {
  if (!value) return [];
  const sets: Buffer[] = [];
  for (const item of value.split(',').slice(0, MAX_PARAMETER_SETS)) {
    const b64 = item.trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length > (MAX_PARAMETER_SET_BYTES * 4) / 3 + 4) {
      log.debug('skipping an invalid sprop parameter set');
      continue;
    }
    const set = Buffer.from(b64, 'base64');
    if (set.length > 0) sets.push(set);
  }
  return sets;
}
