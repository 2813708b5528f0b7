// Slows password guessing at session.login. Consecutive failures for one user name from one address,
// or from one address across user names, lock further attempts for a delay that doubles with each
// lockout (30 s, 60 s, … up to 5 min). A name is counted per address so that a stranger guessing
// elsewhere cannot lock the real user out of their own desk; the address cap (high enough for a
// workstation relaying a room of operators) stops one machine spraying many names. A supervisor
// can clear a name's locks (clear()). The check runs before any scrypt work, and attempts still
// being checked count as failures until they end, so neither a flood nor a burst of parallel
// requests on one socket can make the engine hash more than the limit allows.
//
// Kept in memory on purpose: an engine restart clears it (a restart is rare, slow and visible, so
// it is no useful bypass), and nothing here needs to survive one or go into the store.
import { JharokhaError } from '../../../../common/errors.js';

export interface LoginLimits {
  /** Consecutive failures for one user name from one address before that pair is locked. */
  perUser: number;
  /** Failures from one remote address, across user names, before it is locked. */
  perAddress: number;
  /** The first lockout; each further one doubles it. */
  firstLockMs: number;
  maxLockMs: number;
  /** A name or address with no failure for this long starts afresh. */
  forgetAfterMs: number;
  /** Names and addresses remembered at most (the oldest are forgotten first). */
  maxEntries: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUser: 5,
  perAddress: 100,
  firstLockMs: 30_000,
  maxLockMs: 5 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxEntries: 10_000,
};

export type LockScope = 'user' | 'address';

/** A lock that began with this failure: worth one audit entry, not one per refused attempt. */
export interface Lockout {
  /** user: this name from this address; address: every name from it. */
  scope: LockScope;
  /** The normalised user name (scope user only). */
  username?: string;
  address: string;
  until: number;
  failures: number;
}

interface Entry {
  failures: number;
  pending: number;
  lockedUntil: number;
  lockouts: number;
  lastFailureAt: number;
}

/** One attempt that passed the check: end it with exactly one of failed() or succeeded(). */
export interface LoginAttempt {
  /** Counts the failure; returns the lockouts it started (user, address or both). */
  failed(): Lockout[];
  /** Clears the user name's failures (not the address's: one good account must not reset guessing at others). */
  succeeded(): void;
}

export class LoginLimiter {
  private readonly limits: LoginLimits;
  private readonly entries = new Map<string, Entry>();

  constructor(
    limits: Partial<LoginLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  }

  /** Throws RateLimited (saying when to try again) if the name or the address is locked; otherwise the attempt may go on. */
  begin(username: string, address: string): LoginAttempt {
    const now = this.now();
    const name = normalise(username);
    const keys: [LockScope, string, number][] = [
      ['user', userKey(name, address), this.limits.perUser],
      ['address', `address:${address}`, this.limits.perAddress],
    ];
    for (const [scope, key, limit] of keys) {
      const entry = this.entry(key, now);
      if (!entry) continue;
      if (entry.lockedUntil > now) throw refusal(scope, name, entry.lockedUntil - now);
      // Attempts still in flight count as failures, so a burst in parallel stops at the limit too;
      // after a lockout has run out, one attempt at a time.
      const room = entry.lockouts > 0 ? 1 - entry.pending : limit - entry.failures - entry.pending;
      if (room <= 0) throw refusal(scope, name, this.lockDelay(entry));
    }
    const entries = keys.map(([scope, key, limit]) => ({ scope, key, limit, entry: this.entryOrNew(key, now) }));
    for (const { entry } of entries) entry.pending += 1;
    let ended = false;
    const end = (): boolean => {
      if (ended) return false;
      ended = true;
      for (const { entry } of entries) entry.pending -= 1;
      return true;
    };
    return {
      failed: () => {
        if (!end()) return [];
        const at = this.now();
        const started: Lockout[] = [];
        for (const { scope, key, limit, entry } of entries) {
          entry.failures += 1;
          entry.lastFailureAt = at;
          // Once a name or address has been locked, every further failure locks it again, for longer.
          if (entry.failures >= limit || entry.lockouts > 0) {
            entry.lockedUntil = at + this.lockDelay(entry);
            entry.lockouts += 1;
            started.push({ scope, ...(scope === 'user' ? { username: name } : {}), address, until: entry.lockedUntil, failures: entry.failures });
          }
          this.entries.delete(key);
          this.entries.set(key, entry); // most recent last, for trimming
        }
        this.trim();
        return started;
      },
      succeeded: () => {
        if (!end()) return;
        const user = entries[0]!;
        if (user.entry.pending === 0) this.entries.delete(user.key);
        else Object.assign(user.entry, { failures: 0, lockouts: 0, lockedUntil: 0 });
      },
    };
  }

  /** Forgets the name's failures and locks from every address (a supervisor's call); how many locks were lifted. */
  clear(username: string): number {
    const prefix = userKey(normalise(username), '');
    let lifted = 0;
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(prefix) || entry.pending > 0) continue;
      if (entry.lockedUntil > this.now() || entry.lockouts > 0) lifted += 1;
      this.entries.delete(key);
    }
    return lifted;
  }

  private lockDelay(entry: Entry): number {
    return Math.min(this.limits.firstLockMs * 2 ** entry.lockouts, this.limits.maxLockMs);
  }

  private entry(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.pending === 0 && entry.lockedUntil <= now && now - entry.lastFailureAt >= this.limits.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private entryOrNew(key: string, now: number): Entry {
    let entry = this.entry(key, now);
    if (!entry) {
      entry = { failures: 0, pending: 0, lockedUntil: 0, lockouts: 0, lastFailureAt: now };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Bounded memory under a flood of made-up names: the entries that failed longest ago go first. */
  private trim(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries) return;
      if (entry.pending === 0) this.entries.delete(key);
    }
  }
}

const normalise = (username: string): string => username.trim().toLowerCase().slice(0, 100);
// Name first, then address: clear() finds every address a name was tried from by the prefix.
const userKey = (name: string, address: string): string => `user:${name}\n${address}`;

function refusal(scope: LockScope, name: string, waitMs: number): JharokhaError {
  const wait = Math.ceil(waitMs / 1000);
  const who = scope === 'user' ? `for ${name}` : 'from this address';
  const where = scope === 'user' ? ' (from this address; a supervisor can clear the lock)' : '';
  return new JharokhaError('RateLimited', `too many failed logins ${who}: try again in ${wait} s${where}`);
}
