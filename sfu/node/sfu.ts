// The media plane: a pool of mediasoup workers (one per core by default, joined by pipeToRouter;
// pool/worker-pool.ts), the RTSP pulls in ingest shards (child processes; ingest-shards/), the
// on-demand camera pulls, and a Viewer per connected client. A worker or a shard that dies is
// replaced and what it carried comes back by itself (CLOSURES.md).
import os from 'node:os';
import type { types } from 'mediasoup';
import { createLogger } from '../../common/logger.js';
import { TypedEmitter } from '../../common/typed-emitter.js';
import { CallPeer } from './call-peer.js';
import { CameraSources, type ResolveEndpoint } from './camera-sources.js';
import type { WebRtcListenOptions } from './client-transports.js';
import { IngestShards, type ShardStats } from './ingest-shards/index.js';
import { WorkerPool, type WorkerSlotHealth } from './pool/worker-pool.js';
import { Viewer, type WatchState } from './viewer.js';

const log = createLogger('sfu');
/** How often the log says what each worker and shard carries. */
const LOAD_LOG_MS = 5 * 60_000;

export interface SfuOptions extends WebRtcListenOptions {
  resolveEndpoint: ResolveEndpoint;
  /** How long a pull outlives its last viewer. */
  pullGraceMs?: number;
  /** The workers' WebRTC ports, shared by all of them (default 40000-49999: ten thousand, for a site's consoles, walls and calls). */
  rtcMinPort?: number;
  rtcMaxPort?: number;
  /** mediasoup workers (default: one per core). */
  mediaWorkers?: number;
  /** RTSP ingest processes (default: one per core). */
  ingestShards?: number;
}

/** What /healthz says about the media plane. */
export interface SfuHealth {
  workers: WorkerSlotHealth[];
  shards: ShardStats[];
  pulls: number;
}

export type SfuEvents = {
  /** A mediasoup worker or an ingest shard died and another took its place; its streams come back. */
  restarted: [part: { part: 'media worker' | 'ingest shard'; index: number; pid: number; detail: string }];
};

export class Sfu extends TypedEmitter<SfuEvents> {
  private closed = false;
  private readonly viewers = new Set<Viewer>();
  private readonly loadLog: NodeJS.Timeout;

  static async create(options: SfuOptions): Promise<Sfu> {
    const pool = await WorkerPool.create({
      count: options.mediaWorkers ?? os.availableParallelism(),
      rtcMinPort: options.rtcMinPort ?? 40000,
      rtcMaxPort: options.rtcMaxPort ?? 49999,
    });
    let shards: IngestShards;
    try {
      shards = await IngestShards.create({ count: options.ingestShards ?? os.availableParallelism() });
    } catch (error) {
      pool.close();
      throw error;
    }
    const sources = new CameraSources(pool, options.resolveEndpoint, options.pullGraceMs ?? 10_000, shards);
    return new Sfu(pool, sources, shards, options);
  }

  private constructor(
    private readonly pool: WorkerPool,
    readonly sources: CameraSources,
    /** Where the RTSP pulls run. */
    private readonly shards: IngestShards,
    private readonly listen: WebRtcListenOptions,
  ) {
    super();
    pool.on('restarted', (index, pid, detail) => this.safeEmit('restarted', { part: 'media worker', index, pid, detail }));
    shards.on('restarted', (index, pid, detail) => this.safeEmit('restarted', { part: 'ingest shard', index, pid, detail }));
    this.on('restarted', () => log.info(describeLoad(this.health())));
    this.loadLog = setInterval(() => log.info(describeLoad(this.health())), LOAD_LOG_MS);
    this.loadLog.unref();
  }

  /** Every worker's router offers the same codecs. */
  get rtpCapabilities(): types.RtpCapabilities {
    return this.pool.rtpCapabilities;
  }

  createViewer(): Viewer {
    this.forgetClosedViewers();
    const viewer = new Viewer(this.pool, this.listen, this.sources);
    this.viewers.add(viewer);
    return viewer;
  }

  /** Every open client's watches with their consumers' paused state (diagnostics, tests). */
  watchStates(): WatchState[] {
    this.forgetClosedViewers();
    return [...this.viewers].flatMap((viewer) => viewer.watchStates());
  }

  private forgetClosedViewers(): void {
    for (const viewer of this.viewers) if (viewer.isClosed) this.viewers.delete(viewer);
  }

  /** One side of two-way calls: a console or a call-box kiosk. */
  createCallPeer(): CallPeer {
    return new CallPeer(this.pool, this.listen);
  }

  health(): SfuHealth {
    return { workers: this.pool.health(), shards: this.shards.stats(), pulls: this.sources.activeKeys.length };
  }

  /** The live workers' processes (the bench measures them; tests kill them). */
  get workerPids(): number[] {
    return this.pool.pids;
  }

  /** The ingest shards' processes (undefined while one restarts). */
  get shardPids(): (number | undefined)[] {
    return this.shards.pids;
  }

  /** The live workers' routers (diagnostics, tests). */
  get routers(): types.Router[] {
    return this.pool.routers;
  }

  /** Idempotent. Cascade: pulls → workers (routers, transports, producers, consumers). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.loadLog);
    this.sources.close();
    this.shards.close();
    this.pool.close();
    this.removeAllListeners();
  }
}

/** One line for the log: every worker's and shard's load. */
export function describeLoad(health: SfuHealth): string {
  const workers = health.workers.map((w) => (w.alive ? `worker ${w.index} pid ${w.pid}: ${w.transports} transports, ${w.producers} producers, ${w.consumers} consumers` : `worker ${w.index}: restarting`));
  const shards = health.shards.map((s) => `shard ${s.index} pid ${s.pid ?? '-'}: ${s.cameras} cameras, ${(s.cacheBytes / 1e6).toFixed(1)} MB GOP cache, ${s.fastStarts} fast starts`);
  return `media plane: ${health.pulls} pulls; ${[...workers, ...shards].join('; ')}`;
}
