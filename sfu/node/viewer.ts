// One connected client's media: its receive transports and its watches (a watch is one tile
// viewing one camera stream). Consumers start paused and are resumed only when the client says
// its track is attached (mediasoup-demo's reasoning: no packets before the client can use them).
import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import type { StreamKind } from '../../common/domain/camera.js';
import { JharokhaError } from '../../common/errors.js';
import { createLogger } from '../../common/logger.js';
import type { EventData } from '../../common/protocol/events.js';
import type { CameraSource, CameraStreamRef } from './camera-source.js';
import type { CameraSources } from './camera-sources.js';
import { ClientTransports, transportParams, type PlacedTransport, type TransportLostEvents, type TransportParams, type WebRtcListenOptions } from './client-transports.js';
import { FastStartLeg } from './fast-start-leg.js';
import type { WorkerPool } from './pool/worker-pool.js';
import { withoutBandwidthEstimation } from './router-codecs.js';

const log = createLogger('viewer');
/** Receive transports one socket holds at once; a newer one replaces the oldest. */
const MAX_TRANSPORTS = 4;
const MAX_WATCHES = 64;

/** One watch as the media plane sees it: whether its consumer is paused (a hidden tile's is). */
export interface WatchState extends CameraStreamRef {
  watchId: string;
  /** null before the camera's producer exists (no consumer yet). */
  consumerPaused: boolean | null;
  /** The pool worker of the watch's transport, and of the camera stream's producer. */
  transportWorker: number;
  sourceWorker: number;
}

export type ViewerEvents = TransportLostEvents & {
  'watch.state': [EventData<'watch.state'>];
  'watch.consumer': [EventData<'watch.consumer'>];
  'watch.closed': [EventData<'watch.closed'>];
  'watch.fastStartEnded': [EventData<'watch.fastStartEnded'>];
};

interface Watch extends CameraStreamRef {
  id: string;
  placed: PlacedTransport;
  rtpCapabilities: types.RtpCapabilities;
  source: CameraSource;
  consumer: types.Consumer | undefined;
  /** Joining a camera already forwarded: its own start from the current GOP. */
  fast: FastStartLeg | undefined;
  detach: () => void;
}

export class Viewer extends ClientTransports<ViewerEvents> {
  private readonly transports = new Map<string, PlacedTransport>();
  private readonly watches = new Map<string, Watch>();
  /** Watches still acquiring their camera: counted with the held ones, so requests made together cannot pass a cap together. */
  private starting = 0;

  constructor(pool: WorkerPool, listen: WebRtcListenOptions, private readonly sources: CameraSources) {
    super(pool, listen);
  }

  async createRecvTransport(): Promise<TransportParams> {
    this.assertOpen();
    // A page renews its transport after a failure without closing the old one (it cannot reach it):
    // at the cap the oldest goes, with the watches on it, rather than locking the page out.
    const oldest = this.transports.size >= MAX_TRANSPORTS ? this.transports.values().next().value : undefined;
    if (oldest) {
      this.endWatchesOn(oldest.transport, 'its receive transport was replaced by a newer one');
      this.closeTransport(oldest.transport);
    }
    // The client is told when a worker takes a transport down; it rebuilds and restarts these watches itself.
    const placed = await this.openTransport((lost) => this.endWatchesOn(lost, undefined));
    const { transport } = placed;
    if (this.closed) {
      this.closeTransport(transport);
      throw new JharokhaError('InvalidState', 'client closed');
    }
    this.transports.set(transport.id, placed);
    transport.observer.once('close', () => this.transports.delete(transport.id));
    return transportParams(transport);
  }

  /** How many watches this client holds or is starting (a principal's share is counted across its sockets). */
  get watchCount(): number {
    return this.watches.size + this.starting;
  }

  async startWatch(params: {
    transportId: string;
    cameraId: string;
    stream: StreamKind;
    rtpCapabilities: types.RtpCapabilities;
  }): Promise<string> {
    const placed = this.placed(params.transportId);
    if (this.watchCount >= MAX_WATCHES) {
      throw new JharokhaError('LimitReached', `a socket may watch ${MAX_WATCHES} camera streams at once: stop one first`);
    }
    this.starting++;
    const source = await this.sources.acquire(params.cameraId, params.stream, placed.worker).finally(() => this.starting--);
    if (this.closed) {
      this.sources.release(params.cameraId, params.stream);
      throw new JharokhaError('InvalidState', 'client closed');
    }
    const id = randomUUID();
    const onState = (): void => this.emitState(watch);
    const onProducer = (): void => void this.consume(watch);
    const onClose = (): void => this.endWatch(watch, 'camera stream closed');
    source.on('state', onState);
    source.on('producer', onProducer);
    source.on('close', onClose);
    const watch: Watch = {
      id,
      cameraId: params.cameraId,
      stream: params.stream,
      placed,
      rtpCapabilities: params.rtpCapabilities,
      source,
      consumer: undefined,
      fast: undefined,
      detach: () => {
        source.off('state', onState);
        source.off('producer', onProducer);
        source.off('close', onClose);
      },
    };
    this.watches.set(id, watch);
    // Events go out after the response carrying the watch id (the client must know the id first).
    setImmediate(() => {
      if (this.watches.get(id) !== watch) return;
      this.emitState(watch);
      if (source.producer) void this.consume(watch);
    });
    return id;
  }

  async resumeWatch(watchId: string): Promise<void> {
    const watch = this.watch(watchId);
    if (!watch.consumer) return;
    if (watch.consumer.paused) await watch.consumer.resume();
    // The first viewer of a held stream gets its GOP on the shared consumer; a fast start would
    // only send it twice. Everyone after it gets their own.
    const held = !watch.source.isForwarding;
    watch.source.startForwarding();
    if (held) watch.fast?.close();
    else void watch.fast?.begin(watch.source);
  }

  async pauseWatch(watchId: string): Promise<void> {
    const watch = this.watch(watchId);
    // A hidden tile needs no fast start; it starts at a keyframe when shown again.
    watch.fast?.close();
    if (watch.consumer && !watch.consumer.paused) await watch.consumer.pause();
  }

  /** This client's watches and their consumers' state (diagnostics, tests). */
  watchStates(): WatchState[] {
    return [...this.watches.values()].map((w) => ({
      watchId: w.id,
      cameraId: w.cameraId,
      stream: w.stream,
      consumerPaused: w.consumer && !w.consumer.closed ? w.consumer.paused : null,
      transportWorker: w.placed.worker.index,
      sourceWorker: w.source.workerIndex,
    }));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  stopWatch(watchId: string): void {
    this.endWatch(this.watch(watchId), undefined);
  }

  private async consume(watch: Watch): Promise<void> {
    const producer = watch.source.producer;
    if (!producer || (watch.consumer && !watch.consumer.closed) || this.watches.get(watch.id) !== watch) return;
    const { transport, worker } = watch.placed;
    try {
      await this.pool.bring(producer, worker);
    } catch (error) {
      // The producer went while being piped (its worker died): its replacement announces itself.
      log.warn(`watch ${watch.id}: cannot bring ${watch.cameraId}/${watch.stream} to worker ${worker.index}`, error);
      return;
    }
    if (this.watches.get(watch.id) !== watch || watch.source.producer !== producer) return;
    if (!worker.router.canConsume({ producerId: producer.id, rtpCapabilities: watch.rtpCapabilities })) {
      this.safeEmit('watch.state', {
        watchId: watch.id,
        cameraId: watch.cameraId,
        state: 'unsupported',
        detail: 'this browser cannot decode the camera codec',
      });
      return;
    }
    try {
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: withoutBandwidthEstimation(watch.rtpCapabilities),
        paused: true,
      });
      if (this.watches.get(watch.id) !== watch) {
        consumer.close();
        return;
      }
      watch.consumer = consumer;
      consumer.observer.once('close', () => {
        if (watch.consumer === consumer) watch.consumer = undefined;
      });
      const fast = await this.fastStartLeg(watch, producer);
      if (this.watches.get(watch.id) !== watch || watch.consumer !== consumer) {
        fast?.close();
        return;
      }
      this.safeEmit('watch.consumer', {
        watchId: watch.id,
        consumerId: consumer.id,
        producerId: producer.id,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>,
        ...(fast && {
          fastStart: { consumerId: fast.consumer.id, producerId: fast.producer.id, rtpParameters: fast.consumer.rtpParameters as unknown as Record<string, unknown> },
        }),
      });
    } catch (error) {
      log.warn(`watch ${watch.id}: consume failed`, error);
    }
  }

  /** A failed fast start is no failure: the watch starts at the camera's next keyframe. */
  private async fastStartLeg(watch: Watch, producer: types.Producer): Promise<FastStartLeg | undefined> {
    const giveBack = watch.source.takeFastStartSlot();
    if (!giveBack) return undefined;
    try {
      const fast = await FastStartLeg.create(watch.placed, producer, watch.rtpCapabilities);
      watch.fast?.close();
      watch.fast = fast;
      fast.once('ended', (reason) => {
        giveBack();
        if (this.watches.get(watch.id) === watch) this.safeEmit('watch.fastStartEnded', { watchId: watch.id, reason });
      });
      return fast;
    } catch (error) {
      giveBack();
      log.warn(`watch ${watch.id}: no fast start`, error);
      return undefined;
    }
  }

  private emitState(watch: Watch): void {
    this.safeEmit('watch.state', {
      watchId: watch.id,
      cameraId: watch.cameraId,
      state: watch.source.state,
      detail: watch.source.detail,
    });
  }

  private endWatch(watch: Watch, reason: string | undefined): void {
    if (this.watches.get(watch.id) !== watch) return;
    this.watches.delete(watch.id);
    watch.detach();
    watch.fast?.close();
    watch.consumer?.close();
    this.sources.release(watch.cameraId, watch.stream);
    if (reason) this.safeEmit('watch.closed', { watchId: watch.id, reason });
  }

  protected transport(id: string): types.WebRtcTransport {
    return this.placed(id).transport;
  }

  private placed(id: string): PlacedTransport {
    this.assertOpen();
    const placed = this.transports.get(id);
    if (!placed) throw new JharokhaError('NotFound', `no transport ${id} on this connection`);
    return placed;
  }

  private endWatchesOn(transport: types.WebRtcTransport, reason: string | undefined): void {
    for (const watch of [...this.watches.values()]) if (watch.placed.transport === transport) this.endWatch(watch, reason);
  }

  private watch(id: string): Watch {
    this.assertOpen();
    const watch = this.watches.get(id);
    if (!watch) throw new JharokhaError('NotFound', `no watch ${id} on this connection`);
    return watch;
  }

  /** Idempotent: ends every watch (releasing pulls) and closes every transport. */
  close(): void {
    if (this.closed) return;
    for (const watch of [...this.watches.values()]) this.endWatch(watch, undefined);
    this.closed = true;
    for (const { transport } of this.transports.values()) this.closeTransport(transport);
    this.transports.clear();
    this.removeAllListeners();
  }
}
