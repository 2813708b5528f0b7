// RTSP ingest off the engine's main loop: `count` child processes, each pulling its share of the
// cameras and sending RTP straight to the PlainTransports. The engine keeps only control: which
// feed lives where, and what each wants (its target, held or forwarding).
import os from 'node:os';
import { JharokhaError } from '../../../common/errors.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { DEFAULT_CACHE_BUDGET_BYTES } from './cache-budget.js';
import { Feed, type FeedSpec } from './feed.js';
import { ShardSlot, type ShardSlotOptions, type ShardStats } from './shard-slot.js';

export interface IngestShardsOptions {
  /** Default: one per core. */
  count?: number;
  /** How long a shard may take to start (tsx compiles its modules on first load). */
  readyTimeoutMs?: number;
  restartBackoff?: { initialMs?: number; maxMs?: number };
  /** What each shard's GOP caches may hold together (default 256 MB). */
  cacheBudgetBytes?: number;
}

export type IngestShardsEvents = {
  /** A shard that died runs again, with every feed it had re-opened. */
  restarted: [index: number, pid: number, reason: string];
};

export class IngestShards extends TypedEmitter<IngestShardsEvents> {
  private nextId = 1;
  private closed = false;

  static async create(options: IngestShardsOptions = {}): Promise<IngestShards> {
    const count = Math.max(1, Math.floor(options.count ?? os.availableParallelism()));
    const slotOptions: ShardSlotOptions = {
      readyTimeoutMs: options.readyTimeoutMs ?? 20_000,
      cacheBudgetBytes: options.cacheBudgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES,
      restartBackoff: { initialMs: options.restartBackoff?.initialMs ?? 100, maxMs: options.restartBackoff?.maxMs ?? 10_000 },
    };
    const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => ShardSlot.create(i, slotOptions)));
    const slots = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) {
      for (const slot of slots) slot.close();
      throw failed.reason;
    }
    return new IngestShards(slots);
  }

  private constructor(private readonly slots: ShardSlot[]) {
    super();
    for (const slot of slots) slot.on('restarted', (pid, reason) => this.safeEmit('restarted', slot.index, pid, reason));
  }

  /** Pulls a camera stream on the shard with the fewest; the feed starts held. */
  open(key: string, spec: FeedSpec): Feed {
    if (this.closed) throw new JharokhaError('InvalidState', 'ingest shards closed');
    if (!Number.isInteger(spec.ssrc) || spec.ssrc < 0 || spec.ssrc > 0xffffffff) throw new JharokhaError('BadRequest', 'ssrc must be a 32-bit unsigned integer');
    if (!Number.isInteger(spec.payloadType) || spec.payloadType < 0 || spec.payloadType > 127) throw new JharokhaError('BadRequest', 'payloadType must be 0-127');
    const slot = this.slots.reduce((least, s) => (s.feeds.size < least.feeds.size ? s : least));
    const feed = new Feed(this.nextId++, key, spec, slot);
    slot.add(feed);
    return feed;
  }

  stats(): ShardStats[] {
    return this.slots.map((slot) => slot.stats());
  }

  /** Each shard's process id, undefined while it restarts (tests kill them). */
  get pids(): (number | undefined)[] {
    return this.slots.map((slot) => slot.pid);
  }

  /** Idempotent. Cascade: every feed closes, every shard TEARDOWNs its cameras and is gone. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const slot of this.slots) slot.close();
    this.removeAllListeners();
  }
}
