// The demo site's people, one per role, so the demo can be tried without an installer creating
// accounts first. Their passwords derive from the installation's demo secret (never a password
// printed in the source), and `serve` writes them beside the kiosk addresses.
import { createHmac } from 'node:crypto';
import type { UserRole } from '../../../../common/domain/user.js';
import type { UserRepo } from '../store/user-repo.js';

export const demoUsers: { username: string; displayName: string; role: UserRole }[] = [
  { username: 'asha', displayName: 'Asha Verma', role: 'operator' },
  { username: 'ravi', displayName: 'Ravi Yadav', role: 'operator' },
  { username: 'vikram', displayName: 'Vikram Singh', role: 'supervisor' },
  { username: 'neha', displayName: 'Neha Gupta', role: 'installer' },
];

export function demoPassword(secret: Buffer, username: string): string {
  return createHmac('sha256', secret).update(`jharokha demo password\0${username}`).digest('base64url').slice(0, 16);
}

/** Adds the demo users that are missing; an existing account (its password changed, say) is kept. */
export async function seedDemoUsers(users: UserRepo, secret: Buffer): Promise<void> {
  for (const user of demoUsers) {
    if (!users.get(user.username)) await users.upsert({ ...user, password: demoPassword(secret, user.username) });
  }
}
