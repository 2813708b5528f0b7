// The two-way media of an emergency call, the same on both sides (a kiosk and a console): one
// Device, a send and a receive transport from call.createTransports on every (re)connect
// (transport-keeper.ts), this side's camera and microphone produced while it is in a call, and the
// other side's tracks consumed as the engine pushes call.consumer. What closes what: CLOSURES.md.
import type { Device, types as ms } from 'mediasoup-client';
import { createLogger } from '../../../common/logger.js';
import type { EventData } from '../../../common/protocol/events.js';
import type { MethodResult } from '../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import type { EngineLink } from '../engine-client.js';
import type { StatsSource } from './inbound-stats.js';
import { TransportKeeper, type Kept, type TransportLoss } from './transport-keeper.js';
import { consumeAnnounced, toWireObject, transportOptions } from './wire-object.js';

const log = createLogger('call-media');

export type MediaKind = 'audio' | 'video';

/** A face and a voice; echo cancellation matters most, a kiosk's speaker is next to its mic. */
export const CAPTURE_CONSTRAINTS = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 25, max: 30 } },
} satisfies MediaStreamConstraints;

/** A produce the engine refused (the call not yet answered on its side, say) is tried again after this. */
export const PRODUCE_RETRY_MS = 2_000;

export type CaptureState =
  | { kind: 'off' }
  | { kind: 'starting' }
  | { kind: 'on'; audio: boolean; video: boolean }
  | { kind: 'failed'; message: string };

export interface CallMediaOptions {
  /** Tests pass a Device with mediasoup-client's fake handler. */
  createDevice?: () => Device;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
}

type CallMediaEvents = { change: [] };

type CallTransports = { send: ms.Transport; recv: ms.Transport };

/** Why the call transports went, for the log. */
const lossWords: Record<TransportLoss['kind'], string> = {
  disconnected: 'engine connection lost',
  renewing: 'preparing new transports',
  failed: 'call transport failed',
  restarted: 'media worker restarted',
  closed: 'call media closed',
};

export class CallMedia {
  private readonly emitter = new TypedEmitter<CallMediaEvents>();
  private readonly getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly keeper: TransportKeeper<MethodResult<'call.createTransports'>, CallTransports>;
  private readonly producers = new Map<MediaKind, ms.Producer>();
  /** In arrival order: the newest of a kind is the one shown. */
  private readonly consumers = new Map<string, { consumer: ms.Consumer; alertId: string }>();
  private local: MediaStream | null = null;
  private captureState: CaptureState = { kind: 'off' };
  private activeAlertId: string | null = null;
  private produceRetryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Capture and produce steps run one at a time, each on the state as it is then. */
  private work: Promise<void> = Promise.resolve();
  private closed = false;
  private revision = 0;
  /** A produce was attempted on the current transports (so they carry this side's producers). */
  private producedOnTransports = false;
  private readonly statsSources: Record<MediaKind, StatsSource>;

  constructor(
    private readonly link: EngineLink,
    options: CallMediaOptions = {},
  ) {
    this.getUserMedia = options.getUserMedia ?? defaultGetUserMedia;
    this.statsSources = { audio: this.statsSourceFor('audio'), video: this.statsSourceFor('video') };
    this.keeper = new TransportKeeper(
      link,
      {
        connectMethod: 'call.connectTransport',
        ask: (device) => link.request('call.createTransports', { rtpCapabilities: toWireObject(device.rtpCapabilities) }),
        make: (device, params) => this.makeTransports(device, params),
        ready: ({ transports }) => {
          log.info(`call transports ready (send ${transports.send.id}, recv ${transports.recv.id})`);
          this.changed();
          this.schedule();
        },
        lost: (loss, kept) => this.lost(loss, kept),
      },
      { log, label: 'call media', createDevice: options.createDevice },
    );
  }

  /**
   * Listens to the link: `connected` must mean "ready for call methods" (on a console: logged in
   * as someone who takes calls).
   */
  start(): void {
    this.unsubscribe.push(
      this.link.on('call.consumer', (data) => void this.onConsumer(data)),
      this.link.on('call.consumerClosed', ({ consumerId }) => this.dropConsumer(consumerId)),
    );
    this.keeper.start();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.produceRetryTimer) clearTimeout(this.produceRetryTimer);
    this.keeper.close();
    this.stopCapture();
    this.emitter.removeAllListeners();
  }

  /**
   * The call this side is a party to (answered or on hold), or null. While non-null the camera and
   * microphone are produced; on null they stop and the remote tracks close. Producers are this
   * side's, not a call's: switching calls keeps them (the engine relinks them).
   */
  setActiveCall(alertId: string | null): void {
    if (alertId === this.activeAlertId) return;
    this.activeAlertId = alertId;
    if (alertId === null) {
      for (const consumerId of [...this.consumers.keys()]) this.dropConsumer(consumerId);
      // The engine keeps a session's producers until its transports are replaced (and takes at
      // most two): a fresh pair closes this call's producers on both sides, ready for the next.
      if (this.producedOnTransports && this.link.connected) void this.keeper.renew();
    }
    this.changed();
    this.schedule();
  }

  get activeCall(): string | null {
    return this.activeAlertId;
  }

  /** Changes whenever anything shown changes (for useSyncExternalStore). */
  get snapshot(): number {
    return this.revision;
  }

  get ready(): boolean {
    return this.keeper.current !== null;
  }

  get capture(): CaptureState {
    return this.captureState;
  }

  get localStream(): MediaStream | null {
    return this.local;
  }

  get producing(): MediaKind[] {
    return [...this.producers.keys()];
  }

  subscribe(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** The other side's track of this kind for the active call (else the newest), or null. */
  remoteTrack(kind: MediaKind): MediaStreamTrack | null {
    const consumer = this.remoteConsumer(kind);
    return consumer ? consumer.track : null;
  }

  /** A stable stats source per kind: it reads whichever consumer is current when polled. */
  remoteStats(kind: MediaKind): StatsSource {
    return this.statsSources[kind];
  }

  // ---- transports ----

  private makeTransports(device: Device, params: MethodResult<'call.createTransports'>): CallTransports {
    const send = device.createSendTransport(transportOptions(params.send));
    const recv = device.createRecvTransport(transportOptions(params.recv));
    send.on('produce', ({ kind, rtpParameters }, callback, errback) => {
      this.link
        .request('call.produce', { transportId: send.id, kind, rtpParameters: toWireObject(rtpParameters) })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    return { send, recv };
  }

  /** Both transports go: mediasoup-client closes their producers and consumers. Capture stays. */
  private lost(loss: TransportLoss, kept: Kept<CallTransports> | null): void {
    if (loss.kind === 'failed') log.warn(`call transport ${loss.transport.id} failed; rebuilding both`);
    this.producedOnTransports = false;
    this.producers.clear();
    this.consumers.clear();
    if (kept) log.info(`closing call transports: ${lossWords[loss.kind]}`);
    this.changed();
  }

  // ---- this side: capture and produce ----

  private schedule(): void {
    this.work = this.work
      .then(() => this.reconcile())
      .catch((error: unknown) => log.warn('call media step failed', messageOf(error)));
  }

  /** Brings capture and producers in line with the active call, whatever happened meanwhile. */
  private async reconcile(): Promise<void> {
    if (this.closed) return;
    if (this.activeAlertId === null) {
      this.stopCapture();
      return;
    }
    if (!this.local) await this.startCapture();
    if (this.closed || this.activeAlertId === null) {
      this.stopCapture();
      return;
    }
    const kept = this.keeper.current;
    if (!kept || !this.local) return;
    for (const track of this.local.getTracks()) {
      const kind = track.kind === 'audio' ? 'audio' : 'video';
      if (this.producers.has(kind) || track.readyState === 'ended' || !kept.device.canProduce(kind)) continue;
      const generation = this.keeper.generation;
      this.producedOnTransports = true;
      try {
        const producer = await kept.transports.send.produce({
          track,
          // The capture outlives a transport (an engine reconnect mid-call re-produces it).
          stopTracks: false,
          ...(kind === 'video' ? { encodings: [{ maxBitrate: 900_000 }] } : {}),
        });
        if (generation !== this.keeper.generation || this.activeAlertId === null) {
          producer.close();
          continue;
        }
        this.producers.set(kind, producer);
        producer.on('trackended', () => log.warn(`local ${kind} track ended (device unplugged?)`));
        log.info(`producing ${kind} (${producer.id})`);
        this.changed();
      } catch (error) {
        if (generation !== this.keeper.generation) return;
        log.warn(`cannot produce ${kind}`, messageOf(error));
        this.retryProduceLater();
      }
    }
  }

  private async startCapture(): Promise<void> {
    this.captureState = { kind: 'starting' };
    this.changed();
    let stream: MediaStream;
    try {
      stream = await this.getUserMedia(CAPTURE_CONSTRAINTS);
    } catch (error) {
      log.warn('camera and microphone unavailable; trying the microphone alone', messageOf(error));
      try {
        stream = await this.getUserMedia({ audio: CAPTURE_CONSTRAINTS.audio });
      } catch (again) {
        this.captureState = { kind: 'failed', message: messageOf(again) };
        this.changed();
        return;
      }
    }
    this.local = stream;
    this.captureState = { kind: 'on', audio: stream.getAudioTracks().length > 0, video: stream.getVideoTracks().length > 0 };
    this.changed();
  }

  /** The call is over: producers close (the engine closes its side with the call), the devices go dark. */
  private stopCapture(): void {
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    const local = this.local;
    this.local = null;
    for (const track of local?.getTracks() ?? []) track.stop();
    if (local || this.captureState.kind !== 'off') {
      this.captureState = { kind: 'off' };
      this.changed();
    }
  }

  private retryProduceLater(): void {
    if (this.produceRetryTimer || this.closed) return;
    this.produceRetryTimer = setTimeout(() => {
      this.produceRetryTimer = null;
      this.schedule();
    }, PRODUCE_RETRY_MS);
  }

  // ---- the other side: consumers ----

  private async onConsumer(data: EventData<'call.consumer'>): Promise<void> {
    const kept = this.keeper.current;
    if (!kept) {
      log.warn(`call.consumer ${data.consumerId} before the call transports exist; ignored`);
      return;
    }
    const generation = this.keeper.generation;
    const consumer = await consumeAnnounced(
      kept.transports.recv,
      data,
      () => generation === this.keeper.generation,
      (message) => log.warn(`cannot consume the caller's ${data.kind}`, message),
    );
    if (!consumer) return;
    this.consumers.set(consumer.id, { consumer, alertId: data.alertId });
    consumer.on('trackended', () => log.debug(`remote ${data.kind} track ended`));
    // Listeners attach the track synchronously; resume only then, so the first keyframe is seen.
    this.changed();
    this.link
      .request('call.resumeConsumer', { consumerId: consumer.id })
      .catch((error: unknown) => log.warn(`call.resumeConsumer ${consumer.id} failed`, messageOf(error)));
  }

  private dropConsumer(consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    this.consumers.delete(consumerId);
    if (!entry.consumer.closed) entry.consumer.close();
    this.changed();
  }

  private remoteConsumer(kind: MediaKind): ms.Consumer | null {
    let newest: ms.Consumer | null = null;
    let newestActive: ms.Consumer | null = null;
    for (const { consumer, alertId } of this.consumers.values()) {
      if (consumer.kind !== kind || consumer.closed) continue;
      newest = consumer;
      if (alertId === this.activeAlertId) newestActive = consumer;
    }
    return newestActive ?? newest;
  }

  private statsSourceFor(kind: MediaKind): StatsSource {
    return {
      getStats: async () => {
        const consumer = this.remoteConsumer(kind);
        if (!consumer) return null;
        try {
          return { consumerId: consumer.id, report: await consumer.getStats() };
        } catch {
          return null;
        }
      },
    };
  }

  private changed(): void {
    this.revision++;
    this.emitter.safeEmit('change');
  }
}

function defaultGetUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  // Undefined outside a secure context (plain http to anything but localhost).
  if (typeof navigator === 'undefined' || !navigator.mediaDevices) {
    return Promise.reject(new Error('camera and microphone need a secure page (https or localhost)'));
  }
  return navigator.mediaDevices.getUserMedia(constraints);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
