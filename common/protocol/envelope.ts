// The one WebSocket protocol between engine and renderer: requests with ids, responses that echo
// them, and events pushed by the engine. Every frame is parsed by these schemas on both sides.
import { z } from 'zod';
import { errorCodes } from '../errors.js';

export const MAX_MESSAGE_BYTES = 256 * 1024;

export const RequestFrame = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(64),
  params: z.unknown().optional(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export const WireErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string() });

export const ResponseFrame = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: WireErrorSchema }),
]);
export type ResponseFrame = z.infer<typeof ResponseFrame>;

export const EventFrame = z.object({ event: z.string().min(1).max(64), data: z.unknown() });
export type EventFrame = z.infer<typeof EventFrame>;

export const ServerFrame = z.union([ResponseFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;
