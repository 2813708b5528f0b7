// What every request handler sees of the socket it serves, the handlers' type, and the labels the
// audit writes for who did something. One file the namespace handlers (handlers/) all import.
import type { UserSummary } from '../../../../common/domain/user.js';
import { takesCalls } from '../../../../common/domain/user.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { EventData, EventName } from '../../../../common/protocol/events.js';
import type { MethodName, MethodResult, ParsedParams } from '../../../../common/protocol/methods.js';
import type { CallPeer, Viewer } from '../../../../sfu/index.js';
import type { Actor } from '../alerts/alert-queue.js';
import type { WallActor } from '../walls/wall-service.js';
import type { Principal } from './access.js';
import type { PrincipalShares } from './principal-shares.js';

export interface ConnectionContext {
  viewer: Viewer;
  callPeer: CallPeer;
  principal: Principal;
  user: UserSummary | undefined;
  loginToken: string | undefined;
  /** The peer's IP address as this server sees it; for a page relayed by a workstation whose key verified, the page's own. */
  remoteAddress: string;
  /** Aborted when the socket closes: work started for this socket alone stops with it. */
  closed: AbortSignal;
  /** What its principal may still take across its sockets (logins, watches). */
  shares: Pick<PrincipalShares, 'admitLogin' | 'admitWatch'>;
  /** Pushes an event to this socket (fire-and-forget; a closed socket drops it). */
  send<E extends EventName>(event: E, data: EventData<E>): void;
}

/** What each protocol method does. Params arrive already parsed by the method's schema. */
export type Handlers = {
  [M in MethodName]: (params: ParsedParams<M>, conn: ConnectionContext) => Promise<MethodResult<M>> | MethodResult<M>;
};

/** The handlers of the methods whose names start with one of `prefixes` (`'wall.' | 'walls.'`). */
export type NamespaceHandlers<Prefix extends string> = Pick<Handlers, Extract<MethodName, `${Prefix}${string}`>>;

export const userLabel = (user: UserSummary): string => `${user.role}:${user.username}`;

/** Who did it, for the audit: the logged-in user, else the box, workstation or wall display the socket belongs to. */
export function actorLabel(conn: ConnectionContext): string {
  if (conn.user) return userLabel(conn.user);
  const { principal } = conn;
  switch (principal.kind) {
    case 'workstation':
      return `workstation:${principal.workstationId}`;
    case 'box':
      return `box:${principal.boxId}`;
    case 'display':
      return `display:${principal.wallId}/${principal.displayId}`;
    default:
      // Access control lets a site-token socket do nothing that is audited before a login.
      return 'site-token';
  }
}

/** Access control has run: methods that take calls have an operator or supervisor logged in. */
export function callTaker(conn: ConnectionContext): Actor {
  const user = conn.user;
  if (!takesCalls(user)) throw new JharokhaError('Forbidden', 'log in as an operator first');
  return { name: user.username, role: user.role };
}

/** The person (if any) and label a wall change is checked and audited under. */
export function wallActor(conn: ConnectionContext): WallActor {
  return { label: actorLabel(conn), user: conn.user ? { username: conn.user.username, displayName: conn.user.displayName } : undefined };
}
