import { z } from 'zod';

export const cameraCategories = [
  'bank',
  'atm',
  'market',
  'hotel',
  'hospital',
  'petrol_pump',
  'industrial',
  'bus',
  // The camera built into an emergency call box: first tile of that box's incident layout.
  'call_box',
] as const;
export const CameraCategory = z.enum(cameraCategories);
export type CameraCategory = z.infer<typeof CameraCategory>;

export const StreamKind = z.enum(['main', 'sub']);
export type StreamKind = z.infer<typeof StreamKind>;

/**
 * The state of one camera stream's pull, as the engine sees it. A closed union: every tile
 * renders each one explicitly so an operator always knows whether video is live.
 */
export const streamStates = ['connecting', 'live', 'stalled', 'unauthorized', 'unreachable', 'unsupported'] as const;
export const StreamState = z.enum(streamStates);
export type StreamState = z.infer<typeof StreamState>;

export const CameraId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'camera ids are lower-case letters, digits and dashes');

/** A camera as a renderer sees it: never the RTSP URL or credentials. */
export const CameraSummary = z.object({
  id: CameraId,
  name: z.string().min(1).max(200),
  place: z.string().max(200),
  category: CameraCategory,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  streams: z.array(StreamKind),
});
export type CameraSummary = z.infer<typeof CameraSummary>;
