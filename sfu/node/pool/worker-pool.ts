// N mediasoup workers (default one per core), each with one router. A camera stream, a page's
// transports and a call are each placed on the least-loaded live worker; a producer consumed on
// another worker is piped there once per (producer, worker), never once per viewer (mediasoup's
// "scalability" guidance). A worker that dies is replaced in its slot; what it carried rebuilds
// itself on the live ones (camera-source.ts) or is told to (viewer.ts, call-peer.ts).
import type { types } from 'mediasoup';
import { Backoff } from '../../../common/backoff.js';
import { JharokhaError } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { MediaWorker, type MediaWorkerLoad, type MediaWorkerOptions } from './media-worker.js';

const log = createLogger('worker-pool');
/** How long placement waits for a replacement when no worker is alive (a pool of one). */
const PICK_TIMEOUT_MS = 15_000;

export interface WorkerPoolOptions extends MediaWorkerOptions {
  count: number;
}

export interface WorkerSlotHealth extends Partial<MediaWorkerLoad> {
  index: number;
  alive: boolean;
  restarts: number;
}

export type WorkerPoolEvents = {
  /** A worker died; its slot is being refilled. */
  died: [index: number, error: Error];
  /** A worker took the dead one's slot. */
  restarted: [index: number, pid: number, reason: string];
};

interface Slot {
  worker: MediaWorker | undefined;
  restarts: number;
  backoff: Backoff;
  timer: NodeJS.Timeout | undefined;
  startedAt: number;
}
/** How much more a viewer's own worker may carry and still take the stream it asks for (two streams' worth). */
const NEAR_SLACK = 8;
/** A worker that lived this long died of something new: its replacement starts at once. */
const STEADY_MS = 60_000;

export class WorkerPool extends TypedEmitter<WorkerPoolEvents> {
  private readonly slots: Slot[];
  /** Where each original producer lives (piped copies keep its id on other routers). */
  private readonly homes = new Map<string, MediaWorker>();
  private readonly piped = new Map<string, Promise<void>>();
  private readonly waiting = new Set<() => void>();
  private closed = false;

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    if (!Number.isInteger(options.count) || options.count < 1 || options.count > 64) {
      throw new JharokhaError('BadRequest', `media workers must be 1-64, not ${options.count}`);
    }
    const settled = await Promise.allSettled(Array.from({ length: options.count }, (_, i) => MediaWorker.create(i, options)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      for (const s of settled) if (s.status === 'fulfilled') s.value.close();
      throw failed.reason;
    }
    const workers = settled.map((s) => (s as PromiseFulfilledResult<MediaWorker>).value);
    return new WorkerPool(workers, options);
  }

  private constructor(
    workers: MediaWorker[],
    private readonly options: WorkerPoolOptions,
  ) {
    super();
    this.slots = workers.map((worker) => ({ worker, restarts: 0, backoff: new Backoff({ initialMs: 100, maxMs: 10_000 }), timer: undefined, startedAt: Date.now() }));
    for (const worker of workers) this.watch(worker);
    log.info(`media plane: ${workers.length} mediasoup worker(s), pids ${workers.map((w) => w.pid).join(', ')}`);
  }

  /** Every live worker's router offers the same codecs. */
  get rtpCapabilities(): types.RtpCapabilities {
    const worker = this.live()[0];
    if (!worker) throw new JharokhaError('Unavailable', 'the media plane is restarting');
    return worker.router.rtpCapabilities;
  }

  /**
   * A camera stream's PlainTransport: on `near` (the worker of the viewer that asked for it, so a
   * stream with one viewer is never piped) unless that worker carries clearly more than the
   * least-loaded one; else on the least-loaded live worker.
   */
  async plainTransport(near?: MediaWorker): Promise<{ transport: types.PlainTransport; worker: MediaWorker }> {
    const least = this.leastLoaded();
    const close = near?.alive && least && near.weight <= least.weight + NEAR_SLACK ? near : undefined;
    const worker = close ?? least ?? (await this.nextLive());
    return { transport: await worker.plainTransport(), worker };
  }

  /** A client's transport on `on`, or on the least-loaded live worker. */
  async webRtcTransport(options: types.WebRtcTransportOptions, on?: MediaWorker): Promise<{ transport: types.WebRtcTransport; worker: MediaWorker }> {
    const worker = on ?? this.leastLoaded() ?? (await this.nextLive());
    return { transport: await worker.webRtcTransport(options), worker };
  }

  /** Chosen and counted in one synchronous step, so requests arriving together spread out. */
  private leastLoaded(): MediaWorker | undefined {
    if (this.closed) throw new JharokhaError('InvalidState', 'media plane closed');
    return this.live().sort((a, b) => a.weight - b.weight)[0];
  }

  /** None is alive (a pool of one, mid-restart): the first replacement. */
  private async nextLive(): Promise<MediaWorker> {
    for (;;) {
      await this.nextRestart();
      const worker = this.leastLoaded();
      if (worker) return worker;
    }
  }

  /** Records where a producer was made, so consumers on other workers can have it piped. */
  adopt(producer: types.Producer, worker: MediaWorker): void {
    this.homes.set(producer.id, worker);
    producer.observer.once('close', () => {
      if (this.homes.get(producer.id) === worker) this.homes.delete(producer.id);
    });
  }

  /** Makes the producer consumable on `to`'s router: piped there at most once while it lasts. */
  async bring(producer: types.Producer, to: MediaWorker): Promise<void> {
    const home = this.homes.get(producer.id);
    if (!home) throw new JharokhaError('NotFound', 'the stream is gone (its media worker restarted)');
    if (home === to) return;
    const key = `${producer.id}>${to.router.id}`;
    let piping = this.piped.get(key);
    if (!piping) {
      piping = home.router.pipeToRouter({ producerId: producer.id, router: to.router }).then(({ pipeProducer }) => {
        pipeProducer?.observer.once('close', () => {
          if (this.piped.get(key) === piping) this.piped.delete(key);
        });
      });
      this.piped.set(key, piping);
      piping.catch(() => {
        if (this.piped.get(key) === piping) this.piped.delete(key);
      });
    }
    await piping;
  }

  /** Every slot, alive or being refilled (/healthz, the log, tests). */
  health(): WorkerSlotHealth[] {
    return this.slots.map((slot, index) => ({
      index,
      alive: slot.worker?.alive ?? false,
      restarts: slot.restarts,
      ...(slot.worker?.alive ? slot.worker.load : {}),
    }));
  }

  /** The live workers' routers (diagnostics, tests). */
  get routers(): types.Router[] {
    return this.live().map((w) => w.router);
  }

  get pids(): number[] {
    return this.live().map((w) => w.pid);
  }

  /** Idempotent: every worker ends (and everything on them); refills stop. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const slot of this.slots) {
      clearTimeout(slot.timer);
      slot.worker?.close();
      slot.worker = undefined;
    }
    for (const wake of this.waiting) wake();
    this.waiting.clear();
    this.removeAllListeners();
  }

  private live(): MediaWorker[] {
    return this.slots.flatMap((slot) => (slot.worker?.alive ? [slot.worker] : []));
  }

  private watch(worker: MediaWorker): void {
    worker.once('died', (error) => {
      const slot = this.slots[worker.index];
      if (this.closed || !slot || slot.worker !== worker) return;
      slot.worker = undefined;
      log.error(`mediasoup worker ${worker.index} (pid ${worker.pid}) died: starting a replacement`, error);
      this.safeEmit('died', worker.index, error);
      // A crash loop is slowed down; a worker that ran steadily is replaced at once.
      const steady = Date.now() - slot.startedAt > STEADY_MS;
      if (steady) slot.backoff.reset();
      this.refill(worker.index, error.message, steady || slot.restarts === 0 ? 0 : slot.backoff.next());
    });
  }

  private refill(index: number, reason: string, delay: number): void {
    const slot = this.slots[index];
    if (!slot || this.closed) return;
    slot.timer = setTimeout(() => {
      MediaWorker.create(index, this.options).then(
        (worker) => {
          if (this.closed) return worker.close();
          slot.worker = worker;
          slot.startedAt = Date.now();
          slot.restarts++;
          this.watch(worker);
          log.info(`mediasoup worker ${index} replaced: pid ${worker.pid} (restart ${slot.restarts})`);
          this.safeEmit('restarted', index, worker.pid, reason);
          for (const wake of this.waiting) wake();
          this.waiting.clear();
        },
        (error: unknown) => {
          log.error(`mediasoup worker ${index} could not be replaced; trying again`, error);
          slot.restarts++;
          this.refill(index, reason, slot.backoff.next());
        },
      );
    }, delay);
  }

  private nextRestart(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(wake);
        reject(new JharokhaError('Unavailable', 'no media worker is running: the media plane is restarting'));
      }, PICK_TIMEOUT_MS);
      const wake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiting.add(wake);
    });
  }
}
