// Control leases: one operator at a time may change a wall while holding its lease; the others are
// refused with Conflict naming the holder. A lease lapses on its own (the holder renews it by
// taking it again), so a console that crashed or walked away never locks a wall for long. Leases
// live in memory only: after an engine restart nobody holds any wall.
import type { WallControl } from '../../../../common/domain/video-wall.js';
import { JharokhaError } from '../../../../common/errors.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { Clock, TimerHandle } from './clock.js';

export interface Person {
  username: string;
  displayName: string;
}

interface Lease extends Person {
  expiresAt: number;
  timer: TimerHandle;
}

export type WallLeasesEvents = { changed: [control: WallControl] };

export const DEFAULT_LEASE_MS = 60_000;

export class WallLeases extends TypedEmitter<WallLeasesEvents> {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly clock: Clock,
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {
    super();
  }

  /** Who holds the wall now (holder null when nobody holds a lease that is still valid). */
  current(wallId: string): WallControl {
    const lease = this.valid(wallId);
    return lease
      ? { wallId, holder: lease.username, holderName: lease.displayName, expiresAt: lease.expiresAt }
      : { wallId, holder: null, expiresAt: null };
  }

  /** Takes the lease, or renews it for its holder; Conflict while someone else holds it. */
  take(wallId: string, person: Person): WallControl {
    this.assertMayChange(wallId, person.username);
    this.drop(wallId);
    const expiresAt = this.clock.now() + this.leaseMs;
    const timer = this.clock.setTimeout(() => this.lapse(wallId, expiresAt), this.leaseMs);
    this.leases.set(wallId, { ...person, expiresAt, timer });
    return this.announce(wallId);
  }

  /** Gives the lease back; nothing to do when nobody holds it, Conflict when someone else does. */
  release(wallId: string, username: string): WallControl {
    this.assertMayChange(wallId, username);
    if (this.drop(wallId)) this.announce(wallId);
    return this.current(wallId);
  }

  /** Changes by `username` (undefined: a display nobody logged in on) are allowed unless someone else holds the lease. */
  assertMayChange(wallId: string, username: string | undefined): void {
    const lease = this.valid(wallId);
    if (lease && lease.username !== username) {
      const until = new Date(lease.expiresAt).toISOString().slice(11, 19);
      throw new JharokhaError('Conflict', `wall ${wallId} is under the control of ${lease.displayName} (${lease.username}) until ${until} UTC`);
    }
  }

  close(): void {
    for (const lease of this.leases.values()) this.clock.clearTimeout(lease.timer);
    this.leases.clear();
  }

  private valid(wallId: string): Lease | undefined {
    const lease = this.leases.get(wallId);
    return lease && lease.expiresAt > this.clock.now() ? lease : undefined;
  }

  private lapse(wallId: string, expiresAt: number): void {
    if (this.leases.get(wallId)?.expiresAt !== expiresAt) return;
    this.leases.delete(wallId);
    this.announce(wallId);
  }

  private drop(wallId: string): boolean {
    const lease = this.leases.get(wallId);
    if (!lease) return false;
    this.clock.clearTimeout(lease.timer);
    this.leases.delete(wallId);
    return true;
  }

  private announce(wallId: string): WallControl {
    const control = this.current(wallId);
    this.safeEmit('changed', control);
    return control;
  }
}
