// RTSP failures as typed errors. Each carries the tile state it means and a short detail an
// operator can read ("connection refused", "H.265"); neither ever holds the URL or credentials.
import type { StreamState } from '../../../common/domain/camera.js';
import { JharokhaError, type ErrorCode } from '../../../common/errors.js';

export type FailureState = Extract<StreamState, 'unauthorized' | 'unreachable' | 'unsupported'>;

const codeFor: Record<FailureState, ErrorCode> = {
  unauthorized: 'CameraUnauthorized',
  unreachable: 'CameraUnreachable',
  unsupported: 'Unsupported',
};

const prefixFor: Record<FailureState, string> = {
  unauthorized: 'camera unauthorized',
  unreachable: 'camera unreachable',
  unsupported: 'camera unsupported',
};

export class RtspError extends JharokhaError {
  constructor(
    readonly state: FailureState,
    readonly detail: string,
    options?: { cause?: unknown; code?: ErrorCode },
  ) {
    super(options?.code ?? codeFor[state], `${prefixFor[state]}: ${detail}`, options);
  }
}

export const unreachable = (detail: string, cause?: unknown): RtspError =>
  new RtspError('unreachable', detail, { cause });
export const unauthorized = (detail: string): RtspError => new RtspError('unauthorized', detail);
export const unsupported = (detail: string): RtspError => new RtspError('unsupported', detail);

/** An SDP we cannot read: the camera answered, but we cannot use what it said. */
export const sdpParseError = (detail: string): RtspError =>
  new RtspError('unsupported', `SDP: ${detail}`, { code: 'SdpParse' });

/** The state and detail a failure shows on a tile; anything untyped reads as unreachable. */
export function failureOf(error: unknown): { state: FailureState; detail: string } {
  if (error instanceof RtspError) return { state: error.state, detail: error.detail };
  if (error instanceof JharokhaError) {
    if (error.code === 'CameraUnauthorized') return { state: 'unauthorized', detail: error.message };
    if (error.code === 'Unsupported' || error.code === 'SdpParse') return { state: 'unsupported', detail: error.message };
  }
  return { state: 'unreachable', detail: 'internal error' };
}

// What each status code a camera may answer means (RTSP 1.0 and 2.0, RFC 2326 and RFC 7826), in
// our words: a camera's own reason phrase and body are its text, which some fill with the request
// they refused, credentials included, so neither ever reaches a tile, a log line or an installer.
const statusWords: Readonly<Record<number, string>> = {
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  305: 'Use Proxy',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Request Message Body Too Large',
  414: 'Request-URI Too Long',
  415: 'Unsupported Media Type',
  451: 'Parameter Not Understood',
  452: 'Conference Not Found',
  453: 'Not Enough Bandwidth',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  456: 'Header Field Not Valid for Resource',
  457: 'Invalid Range',
  458: 'Parameter Is Read-Only',
  459: 'Aggregate Operation Not Allowed',
  460: 'Only Aggregate Operation Allowed',
  461: 'Unsupported Transport',
  462: 'Destination Unreachable',
  463: 'Destination Prohibited',
  464: 'Data Transport Not Ready Yet',
  465: 'Notification Reason Unknown',
  466: 'Key Management Error',
  470: 'Connection Authorization Required',
  471: 'Connection Credentials Not Accepted',
  472: 'Failure to Establish Secure Connection',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'RTSP Version Not Supported',
  551: 'Option Not Supported',
  553: 'Proxy Unavailable',
};

/** A camera's refusal of `method`, from the numeric status alone: "the camera refused DESCRIBE: 404 Not Found". */
export function refusedDetail(method: string, status: number | undefined): string {
  if (status === undefined) return `the camera refused ${method}`;
  const words = statusWords[status];
  return `the camera refused ${method}: ${status}${words ? ` ${words}` : ''}`;
}

/** The detail for a socket error, from its errno code (never its message, which may hold an address). */
export function socketErrorDetail(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EPIPE':
      return 'connection closed';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to host';
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return typeof code === 'string' ? `socket error ${code}` : 'socket error';
  }
}
