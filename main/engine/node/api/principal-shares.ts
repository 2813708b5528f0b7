// How much of the site one principal may take, counted across all its sockets: a stolen kiosk key,
// a wall PC or one operator's login can open only so many sockets and watch only so many streams,
// so the media ports and the cameras' pulls are never theirs alone. Each socket's own caps (its
// transports and watches) are the media plane's (sfu/node/viewer.ts, call-peer.ts).
import { JharokhaError } from '../../../../common/errors.js';
import type { UserSummary } from '../../../../common/domain/user.js';
import type { Principal } from './access.js';

export interface ShareLimits {
  /**
   * Sockets open at once per key (a kiosk, a display, a workstation), per logged-in person, and per
   * address for site-token sockets nobody has logged in on yet (login pages).
   */
  sockets: { box: number; display: number; workstation: number; user: number; address: number };
  /** Camera streams watched at once across all of one principal's sockets. */
  watches: { display: number; user: number };
}

export const DEFAULT_SHARE_LIMITS: ShareLimits = {
  // A kiosk that reconnects may briefly hold its old socket beside the new one.
  // A control room behind one address opens a login page per console; a few hundred is no console's.
  sockets: { box: 2, display: 2, workstation: 4, user: 16, address: 64 },
  // A display shows at most 16 tiles (two streams each while switching); a person's desk, four monitors of them.
  watches: { display: 32, user: 128 },
};

/** What a share is counted over: one socket's principal, its logged-in person and its watches. */
export interface ShareHolder {
  readonly principal: Principal;
  readonly user: UserSummary | undefined;
  /** The page's address (a verified relay's page's own). */
  readonly remoteAddress: string;
  readonly viewer: { readonly watchCount: number };
}

type Holder = { kind: keyof ShareLimits['sockets']; name: string };

/** Whose share a socket uses: its key's, else its logged-in person's, else (a login page) its address's. */
function holderOf(principal: Principal, user: UserSummary | undefined, address: string): Holder {
  if (principal.kind === 'box') return { kind: 'box', name: principal.boxId };
  if (principal.kind === 'workstation') return { kind: 'workstation', name: principal.workstationId };
  if (principal.kind === 'display') return { kind: 'display', name: `${principal.wallId}/${principal.displayId}` };
  return user ? { kind: 'user', name: user.username } : { kind: 'address', name: address };
}

const holderOfSocket = (socket: ShareHolder): Holder => holderOf(socket.principal, socket.user, socket.remoteAddress);

const same = (a: Holder, b: Holder): boolean => a.kind === b.kind && a.name === b.name;

export class PrincipalShares {
  constructor(
    private readonly holders: () => Iterable<ShareHolder>,
    private readonly limits: ShareLimits = DEFAULT_SHARE_LIMITS,
  ) {}

  /** Why a new socket for this key (or, for a login page, this address) may not open, or undefined. */
  socketRefusal(principal: Principal, address: string): string | undefined {
    return this.socketsFull(holderOf(principal, undefined, address));
  }

  /** Before `username` logs in on `socket`: LimitReached when their other sockets are all in use. */
  admitLogin(username: string, socket: ShareHolder): void {
    const refusal = this.socketsFull({ kind: 'user', name: username }, socket);
    if (refusal) throw new JharokhaError('LimitReached', refusal);
  }

  /** Before a socket starts one more watch: LimitReached when its principal's share is used up. */
  admitWatch(socket: ShareHolder): void {
    const holder = holderOfSocket(socket);
    if (holder.kind !== 'user' && holder.kind !== 'display') return;
    const limit = this.limits.watches[holder.kind];
    let watching = 0;
    for (const other of this.holders()) if (same(holderOfSocket(other), holder)) watching += other.viewer.watchCount;
    if (watching >= limit) throw new JharokhaError('LimitReached', `${holder.kind} ${holder.name} may watch ${limit} camera streams at once across its sockets: stop one first`);
  }

  private socketsFull(holder: Holder, besides?: ShareHolder): string | undefined {
    const limit = this.limits.sockets[holder.kind];
    let open = 0;
    for (const other of this.holders()) if (other !== besides && same(holderOfSocket(other), holder)) open++;
    return open >= limit ? `${holder.kind} ${holder.name} may have ${limit} sockets open at once: close one first` : undefined;
  }
}
