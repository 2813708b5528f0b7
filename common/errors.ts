// Typed errors with a stable code. They cross the WebSocket as { code, message }, never as stacks.
import type { z } from 'zod';

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
  // The site server cannot be reached: a workstation working from its cache cannot do this now.
  'Unavailable',
  // Too many failed attempts (logins): the message says when to try again.
  'RateLimited',
  // A principal's share is used up (sockets, transports, watches, presses): the message says which and how many.
  'LimitReached',
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

/** Parses input at a trust boundary; the first problem becomes a BadRequest naming `what`. */
export function parseInput<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new JharokhaError('BadRequest', `invalid ${what}: ${result.error.issues[0]?.message ?? 'bad input'}`);
  return result.data;
}
