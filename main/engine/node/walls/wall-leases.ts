// Control leases: one operator at a time may change a wall while holding its lease; the others are
// refused with Conflict naming the holder. A lease lapses on its own (the holder renews it by
// taking it again), so a console that crashed or walked away never locks a wall for long. Each
// lease is written to the store before it counts (and deleted when released or lapsed), so an
// engine restart gives the holder back the wall until the same expiry; restore() rebuilds them.
import type { WallControl } from '../../../../common/domain/wall.js';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import type { Clock, TimerHandle } from './clock.js';

const log = createLogger('wall-leases');

export interface Person {
  username: string;
  displayName: string;
}

/** What is kept of a lease: wall-clock times, so a restart can tell whether it is still valid. */
export interface LeaseRecord extends Person {
  wallId: string;
  /** When the holder first took it (a renewal keeps it). */
  takenAt: number;
  expiresAt: number;
}

/** Where leases are kept; `alongside` runs in the same transaction (the audit entry of the change). */
export interface LeaseStore {
  save(lease: LeaseRecord, alongside?: () => void): void;
  remove(wallId: string, alongside?: () => void): void;
}

/** Keeps nothing (tests of the lease rules alone). */
export const memoryOnlyLeases: LeaseStore = {
  save: (_lease, alongside) => alongside?.(),
  remove: (_wallId, alongside) => alongside?.(),
};

interface Lease extends LeaseRecord {
  timer: TimerHandle;
}

export type WallLeasesEvents = { changed: [control: WallControl] };

export const DEFAULT_LEASE_MS = 60_000;

export class WallLeases extends TypedEmitter<WallLeasesEvents> {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly clock: Clock,
    private readonly leaseMs = DEFAULT_LEASE_MS,
    private readonly store: LeaseStore = memoryOnlyLeases,
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

  /** Takes the lease, or renews it for its holder; Conflict while someone else holds it. Stored before it counts. */
  take(wallId: string, person: Person, alongside?: () => void): WallControl {
    this.assertMayChange(wallId, person.username);
    const now = this.clock.now();
    const held = this.valid(wallId);
    const record: LeaseRecord = {
      wallId,
      username: person.username,
      displayName: person.displayName,
      takenAt: held?.username === person.username ? held.takenAt : now,
      expiresAt: now + this.leaseMs,
    };
    this.store.save(record, alongside);
    this.drop(wallId);
    this.hold(record);
    return this.announce(wallId);
  }

  /** Gives the lease back; nothing to do when nobody holds it, Conflict when someone else does. */
  release(wallId: string, username: string, alongside?: () => void): WallControl {
    this.assertMayChange(wallId, username);
    if (this.leases.has(wallId)) {
      this.store.remove(wallId, alongside);
      this.drop(wallId);
      this.announce(wallId);
    }
    return this.current(wallId);
  }

  /**
   * Engine start: leases kept by the last run come back with a timer for the rest of their time;
   * those that expired while the engine was down (or whose wall is no longer `known`) are deleted.
   * No events: nobody is connected yet.
   */
  restore(records: readonly LeaseRecord[], known: (wallId: string) => boolean = () => true): { restored: LeaseRecord[]; dropped: LeaseRecord[] } {
    const restored: LeaseRecord[] = [];
    const dropped: LeaseRecord[] = [];
    const now = this.clock.now();
    for (const record of records) {
      if (record.expiresAt <= now || !known(record.wallId)) {
        this.store.remove(record.wallId);
        dropped.push(record);
        continue;
      }
      this.drop(record.wallId);
      this.hold(record);
      restored.push(record);
    }
    return { restored, dropped };
  }

  /** Changes by `username` (undefined: a display nobody logged in on) are allowed unless someone else holds the lease. */
  assertMayChange(wallId: string, username: string | undefined): void {
    const lease = this.valid(wallId);
    if (lease && lease.username !== username) {
      const until = new Date(lease.expiresAt).toISOString().slice(11, 19);
      throw new JharokhaError('Conflict', `wall ${wallId} is under the control of ${lease.displayName} (${lease.username}) until ${until} UTC`);
    }
  }

  /** Engine shutdown: timers cleared; the stored leases stay for restore() on the next start. */
  close(): void {
    for (const lease of this.leases.values()) this.clock.clearTimeout(lease.timer);
    this.leases.clear();
  }

  private hold(record: LeaseRecord): void {
    const timer = this.clock.setTimeout(() => this.lapse(record.wallId, record.expiresAt), record.expiresAt - this.clock.now());
    this.leases.set(record.wallId, { ...record, timer });
  }

  private valid(wallId: string): Lease | undefined {
    const lease = this.leases.get(wallId);
    return lease && lease.expiresAt > this.clock.now() ? lease : undefined;
  }

  private lapse(wallId: string, expiresAt: number): void {
    if (this.leases.get(wallId)?.expiresAt !== expiresAt) return;
    try {
      this.store.remove(wallId);
    } catch (error) {
      // The lease is over either way: a row left behind has expired and is dropped at the next start.
      log.error(`could not delete the lapsed lease on wall ${wallId}`, error);
    }
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
