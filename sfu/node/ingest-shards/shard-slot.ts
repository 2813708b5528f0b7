// One place in the shard set: its feeds, and whichever process hosts them now. A process that
// ends is replaced after a backoff (short at first, longer if it keeps dying) and given every
// feed again; the slot's feeds and its index outlive each process, the other slots never notice.
import { Backoff } from '../../../common/backoff.js';
import { createLogger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import type { Feed, FeedHost } from './feed.js';
import { ShardProcess } from './shard-process.js';
import type { FromShard, ToShard } from './shard-protocol.js';

const log = createLogger('ingest-shards');

/** A shard that stayed up this long starts its backoff again from the shortest delay. */
const STABLE_AFTER_MS = 30_000;

export interface ShardSlotOptions {
  readyTimeoutMs: number;
  cacheBudgetBytes: number;
  restartBackoff: { initialMs: number; maxMs: number };
}

export interface ShardStats {
  index: number;
  /** Undefined while the shard is being restarted. */
  pid: number | undefined;
  cameras: number;
  restarts: number;
  /** CPU seconds per second over the shard's last report interval, if it has reported twice. */
  cpu: number | undefined;
  /** Bytes held by the shard's GOP caches at its last report (bounded by its cache budget). */
  cacheBytes: number;
  cacheBudgetBytes: number;
  /** Fast starts the shard was running at its last report. */
  fastStarts: number;
}

export type ShardSlotEvents = { restarted: [pid: number, reason: string] };

export class ShardSlot extends TypedEmitter<ShardSlotEvents> implements FeedHost {
  readonly feeds = new Map<number, Feed>();
  private shard: ShardProcess | undefined;
  private restarts = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private cpuSample: { at: number; us: number } | undefined;
  private cpu: number | undefined;
  private cache = { bytes: 0, fastStarts: 0 };
  private closed = false;
  private readonly backoff: Backoff;

  static async create(index: number, options: ShardSlotOptions): Promise<ShardSlot> {
    const slot = new ShardSlot(index, options);
    slot.attach(await ShardProcess.start(index, options));
    return slot;
  }

  private constructor(
    readonly index: number,
    private readonly options: ShardSlotOptions,
  ) {
    super();
    this.backoff = new Backoff(options.restartBackoff);
  }

  get pid(): number | undefined {
    return this.shard?.pid;
  }

  stats(): ShardStats {
    return {
      index: this.index,
      pid: this.pid,
      cameras: this.feeds.size,
      restarts: this.restarts,
      cpu: this.cpu,
      cacheBytes: this.cache.bytes,
      cacheBudgetBytes: this.options.cacheBudgetBytes,
      fastStarts: this.cache.fastStarts,
    };
  }

  add(feed: Feed): void {
    this.feeds.set(feed.id, feed);
    this.shard?.send(feed.openMessage());
  }

  send(message: ToShard): void {
    // While no process runs, the feed keeps what changed and the next open carries it.
    this.shard?.send(message);
  }

  forget(feed: Feed): void {
    if (!this.feeds.delete(feed.id)) return;
    this.shard?.send({ type: 'close', id: feed.id });
  }

  private attach(shard: ShardProcess): void {
    this.shard = shard;
    this.startedAt = Date.now();
    this.cpuSample = undefined;
    this.cpu = undefined;
    this.cache = { bytes: 0, fastStarts: 0 };
    shard.on('message', (message) => this.onMessage(message));
    shard.once('exit', (reason) => this.onExit(shard, reason));
  }

  private onMessage(message: Exclude<FromShard, { type: 'ready' }>): void {
    if (message.type === 'report') {
      const now = performance.now();
      const us = message.cpu.user + message.cpu.system;
      if (this.cpuSample && now > this.cpuSample.at) this.cpu = (us - this.cpuSample.us) / 1000 / (now - this.cpuSample.at);
      this.cpuSample = { at: now, us };
      this.cache = { bytes: message.cacheBytes, fastStarts: message.fastStarts };
      for (const report of message.feeds) this.feeds.get(report.id)?.onReport(report);
      return;
    }
    const feed = this.feeds.get(message.id);
    if (!feed) return; // closed since the shard sent it
    if (message.type === 'state') feed.onState(message.state, message.detail);
    else if (message.type === 'track') feed.onTrack(message.profileLevelId);
    else if (message.type === 'fast-started') feed.onFastStarted(message.fastStart, message.info);
    else if (message.type === 'fast-ended') feed.onFastEnded(message.fastStart, message.reason);
    else feed.onBound(message.port);
  }

  private onExit(shard: ShardProcess, reason: string): void {
    if (this.closed || this.shard !== shard) return;
    this.shard = undefined;
    if (Date.now() - this.startedAt >= STABLE_AFTER_MS) this.backoff.reset();
    const delay = this.backoff.next();
    log.error(`ingest shard ${this.index} (pid ${shard.pid}) ${reason}: ${this.feeds.size} camera streams re-open in ${delay} ms`);
    for (const feed of [...this.feeds.values()]) feed.onLost(reason);
    this.scheduleRestart(reason, delay);
  }

  private scheduleRestart(reason: string, delay: number): void {
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart(reason);
    }, delay);
  }

  private async restart(reason: string): Promise<void> {
    let shard: ShardProcess;
    try {
      shard = await ShardProcess.start(this.index, this.options);
    } catch (error) {
      if (this.closed) return;
      const delay = this.backoff.next();
      log.error(`ingest shard ${this.index} failed to restart, trying again in ${delay} ms`, error);
      return this.scheduleRestart(reason, delay);
    }
    if (this.closed) return shard.stop();
    this.restarts++;
    this.attach(shard);
    for (const feed of this.feeds.values()) {
      shard.send(feed.openMessage());
      feed.onReopened();
    }
    log.info(`ingest shard ${this.index} restarted as pid ${shard.pid}: ${this.feeds.size} camera streams re-opened`);
    this.safeEmit('restarted', shard.pid, reason);
  }

  /** Idempotent: every feed closes, the shard TEARDOWNs its cameras and goes. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    for (const feed of [...this.feeds.values()]) feed.close();
    this.shard?.stop();
    this.shard = undefined;
    this.removeAllListeners();
  }
}
