// Until logins arrive (issue 5) a console names its operator: ?operator=<name>&role=operator|supervisor
// on the page address, kept in this tab's sessionStorage like the token and stripped from the bar.
import { z } from 'zod';
import { OperatorName, Role } from '../../../common/domain/alert.js';
import { extractParams } from '../access-token.js';

export const OperatorIdentity = z.object({ name: OperatorName, role: Role });
export type OperatorIdentity = z.infer<typeof OperatorIdentity>;

const STORAGE_KEY = 'jharokha.operator';

/** The identity in an address (an unknown role counts as operator), and the address without it. */
export function extractOperator(href: string): { identity: OperatorIdentity | null; cleanHref: string } {
  const { values, cleanHref } = extractParams(href, ['operator', 'role']);
  const role = Role.safeParse(values.role);
  const identity = OperatorIdentity.safeParse({ name: values.operator, role: role.success ? role.data : 'operator' });
  return { identity: identity.success ? identity.data : null, cleanHref };
}

export interface IdentityPlace {
  location: { href: string };
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** From the address (then kept, and removed there) or from this tab's sessionStorage. */
export function takeOperator(place: IdentityPlace): OperatorIdentity | null {
  const { identity, cleanHref } = extractOperator(place.location.href);
  if (cleanHref !== place.location.href) place.history.replaceState(place.history.state, '', cleanHref);
  if (identity) {
    rememberOperator(place.sessionStorage, identity);
    return identity;
  }
  try {
    const raw = place.sessionStorage.getItem(STORAGE_KEY);
    const stored = raw === null ? null : OperatorIdentity.safeParse(JSON.parse(raw));
    return stored?.success ? stored.data : null;
  } catch {
    return null;
  }
}

export function rememberOperator(storage: Pick<Storage, 'setItem'>, identity: OperatorIdentity): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(identity));
  } catch {
    // Storage disabled: a reload will ask again.
  }
}
