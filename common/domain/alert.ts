// Call boxes and the emergency queue, as every side sees them. The engine owns the lifecycle;
// consoles and kiosks only ever see these summaries (never a box's credential).
import { z } from 'zod';
import { CameraId } from './camera.js';

export const BoxId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'box ids are lower-case letters, digits and dashes');
export type BoxId = z.infer<typeof BoxId>;

export const AlertId = z.string().uuid();

/** Panic (meant first of all for women in danger) always comes before emergency. */
export const AlertKind = z.enum(['panic', 'emergency']);
export type AlertKind = z.infer<typeof AlertKind>;

/**
 * ringing → answered ⇄ on_hold → ended → closed; ringing → escalated (unanswered past the
 * escalation time; still answerable, now also by supervisors); answered/on_hold → dropped (the
 * box went away mid-call) → answered again by a call-back, or closed.
 */
export const alertStates = ['ringing', 'escalated', 'answered', 'on_hold', 'dropped', 'ended', 'closed'] as const;
export const AlertState = z.enum(alertStates);
export type AlertState = z.infer<typeof AlertState>;

/** States in which a call waits for someone to pick it up. */
export const waitingStates: readonly AlertState[] = ['ringing', 'escalated'];

export const Outcome = z.enum(['valid', 'false_alarm', 'test', 'prank']);
export type Outcome = z.infer<typeof Outcome>;

export const Role = z.enum(['operator', 'supervisor']);
export type Role = z.infer<typeof Role>;

export const OperatorName = z.string().trim().min(1).max(80);

export const Alert = z.object({
  id: AlertId,
  boxId: BoxId,
  kind: AlertKind,
  state: AlertState,
  /** Engine time (ms since epoch) the press reached the engine; the queue's waiting time runs from it. */
  raisedAt: z.number().int(),
  /** Who has (or last had) the call. */
  operator: OperatorName.optional(),
  answeredAt: z.number().int().optional(),
  escalatedAt: z.number().int().optional(),
  closedAt: z.number().int().optional(),
  /** The first operator who acknowledged the alert (seen and being dealt with), and when. */
  acknowledgedBy: OperatorName.optional(),
  acknowledgedAt: z.number().int().optional(),
  outcome: Outcome.optional(),
  note: z.string().max(2000).optional(),
  /** The box's own camera, then the nearest cameras by distance: the incident layout. */
  incidentCameras: z.array(CameraId),
});
export type Alert = z.infer<typeof Alert>;

export const CallBoxSummary = z.object({
  id: BoxId,
  name: z.string().min(1).max(200),
  place: z.string().max(200),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  cameraId: CameraId.optional(),
  /** A kiosk session for this box is connected now. */
  online: z.boolean(),
});
export type CallBoxSummary = z.infer<typeof CallBoxSummary>;

/** Queue order: panic first, then emergency, then by arrival (ties by id, so every console agrees). */
export function compareAlerts(a: Alert, b: Alert): number {
  if (a.kind !== b.kind) return a.kind === 'panic' ? -1 : 1;
  if (a.raisedAt !== b.raisedAt) return a.raisedAt - b.raisedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
