// The RTSP client's surface: connect to a camera, receive its H.264 video as RTP Buffers.
export {
  RtspClient,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type RtspClientOptions,
  type RtspClientEvents,
  type RtspClientStats,
} from './client.js';
export { RtspError, failureOf, type FailureState } from './errors.js';
export { parseSdp, type SessionDescription, type VideoTrack, type VideoCodec } from './sdp.js';
export { parseRtspUrl, maskCredentials, withoutCredentials, type RtspUrl } from './url.js';
export { readRtp, isValidRtp, writeRtp, type RtpView } from './rtp-packet.js';
export { RtspMessageParser, type RtspMessage, type ParserLimits } from './message-parser.js';
