import { z } from 'zod';

/** One line of the audit trail: who did what to what, and when (engine time, ms since epoch). */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.number().int(),
  /** "operator:<name>", "supervisor:<name>", "box:<id>", "display:<wall>/<display>", "workstation:<id>" or "engine". */
  actor: z.string().max(200),
  action: z.string().max(64),
  /** What was acted on, e.g. "alert:<id>". */
  target: z.string().max(200),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
