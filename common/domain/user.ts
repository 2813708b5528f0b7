import { z } from 'zod';

/**
 * Who a logged-in person is to the engine. operator and supervisor take calls (supervisors also
 * get escalations and close unanswered calls); installer commissions the site; wall is a display.
 */
export const userRoles = ['operator', 'supervisor', 'installer', 'wall'] as const;
export const UserRole = z.enum(userRoles);
export type UserRole = z.infer<typeof UserRole>;

/** The roles that answer call boxes (and so hear about them). */
export const callTakerRoles = ['operator', 'supervisor'] as const satisfies readonly UserRole[];
export type CallTakerRole = (typeof callTakerRoles)[number];

export function takesCalls<U extends { role: UserRole }>(user: U | null | undefined): user is U & { role: CallTakerRole } {
  return user != null && (callTakerRoles as readonly UserRole[]).includes(user.role);
}

/** Login names: lower-case, so "Asha" and "asha" are one account. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'user names are letters, digits, dots, dashes and underscores');

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const Password = z.string().min(8, 'passwords are at least 8 characters').max(256);

export const UserSummary = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(80),
  role: UserRole,
});
export type UserSummary = z.infer<typeof UserSummary>;
