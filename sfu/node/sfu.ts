// The media plane: one mediasoup worker and router (the growth path adds one worker per core
// joined with pipeToRouter), the on-demand camera pulls, and a Viewer per connected client.
import type { types } from 'mediasoup';
import { createLogger } from '../../common/logger.js';
import { TypedEmitter } from '../../common/typed-emitter.js';
import { CallPeer } from './call-peer.js';
import { CameraSources, type ResolveEndpoint } from './camera-sources.js';
import type { WebRtcListenOptions } from './client-transports.js';
import { IngestShards } from './ingest-shards/index.js';
import { loadMediasoup } from './load-mediasoup.js';
import { routerMediaCodecs } from './router-codecs.js';
import { Viewer, type WatchState } from './viewer.js';

const log = createLogger('sfu');

export interface SfuOptions extends WebRtcListenOptions {
  resolveEndpoint: ResolveEndpoint;
  /** How long a pull outlives its last viewer. */
  pullGraceMs?: number;
  /** The worker's WebRTC ports (default 40000-49999: ten thousand, for a site's consoles, walls and calls). */
  rtcMinPort?: number;
  rtcMaxPort?: number;
  /** RTSP ingest processes (default one per core). */
  ingestShards?: number;
}

export type SfuEvents = { close: [error: Error | undefined] };

export class Sfu extends TypedEmitter<SfuEvents> {
  private closed = false;
  private readonly viewers = new Set<Viewer>();

  static async create(options: SfuOptions): Promise<Sfu> {
    const mediasoup = await loadMediasoup();
    const worker = await mediasoup.createWorker({
      logLevel: 'warn',
      rtcMinPort: options.rtcMinPort ?? 40000,
      rtcMaxPort: options.rtcMaxPort ?? 49999,
    });
    const router = await worker.createRouter({ mediaCodecs: routerMediaCodecs });
    let shards: IngestShards;
    try {
      shards = await IngestShards.create({ count: options.ingestShards });
    } catch (error) {
      worker.close();
      throw error;
    }
    const sources = new CameraSources(router, options.resolveEndpoint, options.pullGraceMs ?? 10_000, shards);
    return new Sfu(worker, router, sources, shards, options);
  }

  private constructor(
    private readonly worker: types.Worker,
    readonly router: types.Router,
    readonly sources: CameraSources,
    /** Where the RTSP pulls run; their stats and restarts are for /healthz and the audit. */
    readonly ingest: IngestShards,
    private readonly listen: WebRtcListenOptions,
  ) {
    super();
    worker.on('died', (error) => {
      log.error('mediasoup worker died', error);
      this.close(error);
    });
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  createViewer(): Viewer {
    this.forgetClosedViewers();
    const viewer = new Viewer(this.router, this.listen, this.sources);
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
    return new CallPeer(this.router, this.listen);
  }

  get workerPid(): number {
    return this.worker.pid;
  }

  /** Idempotent. Cascade: pulls → ingest shards → worker (router, transports, producers, consumers). */
  close(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.sources.close();
    this.ingest.close();
    this.worker.close();
    this.safeEmit('close', error);
    this.removeAllListeners();
  }
}
