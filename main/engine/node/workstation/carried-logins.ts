// A login granted by the workstation while its site is unreachable (checked against its copy of the
// users) is queued for the site as session.carry, in order with what that operator then does, so
// the page stays logged in when it goes back to the site. The site refuses it if the password has
// changed there since; the page then asks for the password again, as for any ended login.
import type { Handlers } from '../api/connection-context.js';
import { sha256, type UserRepo } from '../store/user-repo.js';
import type { Outbox } from './outbox.js';

export interface CarryParts {
  users: UserRepo;
  outbox: Outbox;
  onQueued?: () => void;
}

export function carryingLogins(login: Handlers['session.login'], parts: CarryParts): Handlers['session.login'] {
  return async (params, conn) => {
    const grant = await login(params, conn);
    const passwordDigest = parts.users.passwordDigest(grant.user.username);
    if (passwordDigest) {
      parts.outbox.record(grant.user.username, { method: 'session.carry', params: { tokenHash: sha256(grant.token), passwordDigest, expiresAt: grant.expiresAt } });
      parts.onQueued?.();
    }
    return grant;
  };
}
