// A login granted by the workstation while its site is unreachable (the password checked against
// the offline verifier in its copy of the users) is queued for the site as session.carry, in order
// with what that operator then does, so the page stays logged in when it goes back to the site. Its
// proof is signed with the carry key made from the typed password, which is then forgotten; the
// site refuses it if the password has changed there since, and the page then asks for the password
// again, as for any ended login.
import type { Handlers } from '../api/connection-context.js';
import { carryProof } from '../store/passwords.js';
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
    const { username } = grant.user;
    const carrySalt = parts.users.carrySalt(username);
    const carried = { username, tokenHash: sha256(grant.token), expiresAt: grant.expiresAt };
    const proof = carrySalt && (await carryProof(params.password, carrySalt, carried));
    if (proof) {
      parts.outbox.record(username, { method: 'session.carry', params: { tokenHash: carried.tokenHash, proof, expiresAt: carried.expiresAt } });
      parts.onQueued?.();
    }
    return grant;
  };
}
