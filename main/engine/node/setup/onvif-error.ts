// ONVIF failures as typed errors an installer can act on. The detail never holds credentials, and
// anything a device wrote is cut to printable text first.
import { JharokhaError, type ErrorCode } from '../../../../common/errors.js';

export type OnvifFailure = 'unreachable' | 'unauthorized' | 'not-onvif' | 'timeout';

const codeFor: Record<OnvifFailure, ErrorCode> = {
  unreachable: 'CameraUnreachable',
  unauthorized: 'CameraUnauthorized',
  'not-onvif': 'Unsupported',
  timeout: 'Timeout',
};

const prefixFor: Record<OnvifFailure, string> = {
  unreachable: 'ONVIF device unreachable',
  unauthorized: 'ONVIF device refused the user name or password',
  'not-onvif': 'not an ONVIF device',
  timeout: 'ONVIF device did not answer in time',
};

export class OnvifError extends JharokhaError {
  constructor(
    readonly failure: OnvifFailure,
    readonly detail: string,
  ) {
    super(codeFor[failure], `${prefixFor[failure]}: ${detail}`);
  }
}

/** Text a device sent, made safe to show: printable ASCII, bounded. */
export function deviceText(value: unknown, max = 120): string {
  return String(value).replace(/[^\x20-\x7e]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}
