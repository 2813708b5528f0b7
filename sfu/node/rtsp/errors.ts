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
