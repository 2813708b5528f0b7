// Typed errors with a stable code. They cross the WebSocket as { code, message }, never as stacks.
export const errorCodes = [
  'BadRequest',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'InvalidState',
  // Someone else got there first (another operator took the call).
  'Conflict',
  'CameraUnreachable',
  'CameraUnauthorized',
  'Unsupported',
  'SdpParse',
  'Timeout',
  'Internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class JharokhaError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = `JharokhaError(${code})`;
  }
}

export interface WireError {
  code: ErrorCode;
  message: string;
}

/** What a client is told about any failure: a known code and message, or a generic Internal. */
export function toWireError(error: unknown): WireError {
  if (error instanceof JharokhaError) return { code: error.code, message: error.message };
  return { code: 'Internal', message: 'internal error' };
}
