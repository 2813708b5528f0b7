// On-demand pulls: the first viewer of a camera stream starts its pull, the last one leaving
// stops it after a grace period (a tile flicking between cameras must not reconnect the camera).
// Work on one camera stream is serialised so two viewers arriving together start one pull.
import type { StreamKind } from '../../common/domain/camera.js';
import { KeyedQueue } from '../../common/keyed-queue.js';
import { createLogger } from '../../common/logger.js';
import { CameraSource, type CameraEndpoint } from './camera-source.js';
import type { IngestShards } from './ingest-shards/index.js';
import type { MediaWorker } from './pool/media-worker.js';
import type { WorkerPool } from './pool/worker-pool.js';

const log = createLogger('camera-sources');

export type ResolveEndpoint = (cameraId: string, stream: StreamKind) => CameraEndpoint;

interface Entry {
  source: CameraSource | undefined;
  refs: number;
  graceTimer: NodeJS.Timeout | undefined;
}

export class CameraSources {
  private readonly entries = new Map<string, Entry>();
  private readonly queue = new KeyedQueue();
  private closed = false;

  constructor(
    private readonly pool: WorkerPool,
    private readonly resolve: ResolveEndpoint,
    private readonly graceMs: number,
    private readonly shards: IngestShards,
  ) {}

  /** Counts one more viewer; resolves with the (possibly not yet live) source. */
  acquire(cameraId: string, stream: StreamKind, near?: MediaWorker): Promise<CameraSource> {
    const key = `${cameraId}/${stream}`;
    return this.queue.run(key, async () => {
      if (this.closed) throw new Error('camera sources closed');
      const entry = this.entries.get(key) ?? { source: undefined, refs: 0, graceTimer: undefined };
      this.entries.set(key, entry);
      clearTimeout(entry.graceTimer);
      entry.graceTimer = undefined;
      if (!entry.source) {
        const source = await CameraSource.create(this.pool, this.resolve(cameraId, stream), this.shards, near).catch((error) => {
          if (entry.refs === 0) this.entries.delete(key);
          throw error;
        });
        source.once('close', () => {
          if (this.entries.get(key)?.source === source) this.entries.delete(key);
        });
        entry.source = source;
        log.info(`pull started: ${key}`);
      }
      entry.refs++;
      return entry.source;
    });
  }

  release(cameraId: string, stream: StreamKind): void {
    const key = `${cameraId}/${stream}`;
    void this.queue.run(key, async () => {
      const entry = this.entries.get(key);
      if (!entry || entry.refs === 0) return;
      entry.refs--;
      if (entry.refs > 0) return;
      entry.graceTimer = setTimeout(() => {
        void this.queue.run(key, async () => {
          if (entry.refs > 0 || this.entries.get(key) !== entry) return;
          this.entries.delete(key);
          entry.source?.close();
          log.info(`pull stopped (no viewers): ${key}`);
        });
      }, this.graceMs);
      entry.graceTimer.unref();
    });
  }

  /** Camera streams pulled now (viewed, or in their grace period). */
  get activeKeys(): string[] {
    return [...this.entries.entries()].filter(([, e]) => e.source).map(([k]) => k);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const entry of this.entries.values()) {
      clearTimeout(entry.graceTimer);
      entry.source?.close();
    }
    this.entries.clear();
  }
}
