// What a site engine hands a workstation's engine (GET /api/sync/snapshot, authenticated by the
// workstation's own key) so the workstation can keep working when the site is gone: the camera
// directory with what it takes to pull each camera directly, users and their login sessions (to
// log in and resume offline), boxes, walls, layouts and presets, and the open alerts. Engine to
// engine only: it carries camera credentials and offline verifiers, so no renderer ever sees it. It
// never carries a login hash or a carry key (store/passwords.ts): nothing in it logs anyone in on the site.
import { z } from 'zod';
import { Alert, CallBoxSummary } from '../../../../common/domain/alert.js';
import { UserRole, Username } from '../../../../common/domain/user.js';
import { WallDefinition, WallLayout, WallPreset } from '../../../../common/domain/wall.js';
import { CameraRecord } from '../store/camera-repo.js';

export const SYNC_SNAPSHOT_PATH = '/api/sync/snapshot';

// store/passwords.ts's formats: `scrypt$N$r$p$salt`, and a hash is that and `$key`.
const ScryptSalt = z.string().regex(/^scrypt\$\d{1,10}\$\d{1,3}\$\d{1,3}\$[\w-]{22}$/);
const ScryptHash = z.string().regex(/^scrypt\$\d{1,10}\$\d{1,3}\$\d{1,3}\$[\w-]{22}\$[\w-]{43}$/);

export const SyncUser = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(80),
  role: UserRole,
  disabled: z.boolean(),
  /** To check a password offline and carry the login; none until the user logs in on the site. */
  offline: z.object({ verifier: ScryptHash, carrySalt: ScryptSalt }).optional(),
});
export type SyncUser = z.infer<typeof SyncUser>;

export const SyncLoginSession = z.object({
  /** SHA-256 of the login token, base64url (user-repo.ts's format): never the token itself. */
  tokenHash: z.string().min(20).max(100),
  username: Username,
  expiresAt: z.number().int(),
});
export type SyncLoginSession = z.infer<typeof SyncLoginSession>;

export const SiteSnapshot = z.object({
  /** Site engine time the snapshot was taken. */
  takenAt: z.number().int(),
  cameras: z.array(CameraRecord).max(100_000),
  users: z.array(SyncUser).max(10_000),
  sessions: z.array(SyncLoginSession).max(100_000),
  boxes: z.array(CallBoxSummary.omit({ online: true })).max(10_000),
  /** Every alert that is not closed, in queue order. */
  alerts: z.array(Alert).max(10_000),
  walls: z.array(WallDefinition).max(1_000),
  layouts: z.array(WallLayout).max(10_000),
  presets: z.array(WallPreset).max(10_000),
});
export type SiteSnapshot = z.infer<typeof SiteSnapshot>;
