// The two-way media of an emergency call, the same on both sides (a kiosk and a console): one
// Device, a send and a receive transport from call.createTransports on every (re)connect, this
// side's camera and microphone produced while it is in a call, and the other side's tracks
// consumed as the engine pushes call.consumer. What closes what: CLOSURES.md.
import { Device, type types as ms } from 'mediasoup-client';
import { createLogger } from '../../../common/logger.js';
import type { EventData } from '../../../common/protocol/events.js';
import type { MethodResult } from '../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import type { EngineLink } from '../engine-client.js';
import { consumeAnnounced, toWireObject } from './wire-object.js';
import type { StatsSource } from './inbound-stats.js';
import { Retry } from './retry.js';

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

type TransportParams = MethodResult<'call.createTransports'>['send'];

export class CallMedia {
  private readonly emitter = new TypedEmitter<CallMediaEvents>();
  private readonly createDevice: () => Device;
  private readonly getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  private readonly unsubscribe: Array<() => void> = [];
  private transports: { device: Device; send: ms.Transport; recv: ms.Transport } | null = null;
  private readonly producers = new Map<MediaKind, ms.Producer>();
  /** In arrival order: the newest of a kind is the one shown. */
  private readonly consumers = new Map<string, { consumer: ms.Consumer; alertId: string }>();
  private local: MediaStream | null = null;
  private captureState: CaptureState = { kind: 'off' };
  private activeAlertId: string | null = null;
  /** Bumped whenever the transports are torn down: async work for older ones is abandoned. */
  private generation = 0;
  private readonly retry = new Retry(() => {
    if (this.link.connected) void this.prepare();
  });
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
    this.createDevice = options.createDevice ?? (() => new Device());
    this.getUserMedia = options.getUserMedia ?? defaultGetUserMedia;
    this.statsSources = { audio: this.statsSourceFor('audio'), video: this.statsSourceFor('video') };
  }

  /** Listens to the link: `connected` must mean "ready for call methods" (a console has identified). */
  start(): void {
    this.unsubscribe.push(
      this.link.on('connected', () => void this.prepare()),
      this.link.on('disconnected', () => this.teardown('engine connection lost')),
      this.link.on('call.consumer', (data) => void this.onConsumer(data)),
      this.link.on('call.consumerClosed', ({ consumerId }) => this.dropConsumer(consumerId)),
    );
    if (this.link.connected) void this.prepare();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.produceRetryTimer) clearTimeout(this.produceRetryTimer);
    this.teardown('call media closed');
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
      if (this.producedOnTransports && this.link.connected) void this.prepare();
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
    return this.transports !== null;
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

  private async prepare(): Promise<void> {
    if (this.closed) return;
    if (this.transports) this.teardown('preparing new transports');
    const generation = ++this.generation;
    try {
      const { rtpCapabilities } = await this.link.request('media.routerCapabilities', {});
      if (generation !== this.generation) return;
      // A new Device each time: a restarted engine may offer different codecs.
      const device = this.createDevice();
      await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as ms.RtpCapabilities });
      if (generation !== this.generation) return;
      const params = await this.link.request('call.createTransports', { rtpCapabilities: toWireObject(device.rtpCapabilities) });
      if (generation !== this.generation) return;
      const send = device.createSendTransport(transportOptions(params.send));
      const recv = device.createRecvTransport(transportOptions(params.recv));
      for (const transport of [send, recv]) {
        transport.on('connect', ({ dtlsParameters }, callback, errback) => {
          this.link
            .request('call.connectTransport', { transportId: transport.id, dtlsParameters: toWireObject(dtlsParameters) })
            .then(() => callback(), errback);
        });
        transport.on('connectionstatechange', (state) => this.onTransportState(transport, state));
      }
      send.on('produce', ({ kind, rtpParameters }, callback, errback) => {
        this.link
          .request('call.produce', { transportId: send.id, kind, rtpParameters: toWireObject(rtpParameters) })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
      this.transports = { device, send, recv };
      log.info(`call transports ready (send ${send.id}, recv ${recv.id})`);
      this.changed();
      this.schedule();
    } catch (error) {
      if (generation !== this.generation || this.closed) return;
      log.warn('cannot prepare call media', messageOf(error));
      this.scheduleRetry();
    }
  }

  private onTransportState(transport: ms.Transport, state: ms.ConnectionState): void {
    const current = this.transports;
    if (!current || (current.send !== transport && current.recv !== transport)) return;
    if (state === 'connected') this.retry.succeeded();
    // 'disconnected' may heal by itself; 'failed' will not.
    if (state === 'failed') {
      log.warn(`call transport ${transport.id} failed; rebuilding both`);
      this.teardown('call transport failed');
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (!this.closed) this.retry.schedule();
  }

  /** Closes both transports: mediasoup-client closes their producers and consumers. Capture stays. */
  private teardown(reason: string): void {
    this.generation++;
    this.retry.cancel();
    const current = this.transports;
    this.transports = null;
    this.producedOnTransports = false;
    this.producers.clear();
    this.consumers.clear();
    if (current) {
      log.info(`closing call transports: ${reason}`);
      current.send.close();
      current.recv.close();
    }
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
    const transports = this.transports;
    if (!transports || !this.local) return;
    for (const track of this.local.getTracks()) {
      const kind = track.kind === 'audio' ? 'audio' : 'video';
      if (this.producers.has(kind) || track.readyState === 'ended' || !transports.device.canProduce(kind)) continue;
      const generation = this.generation;
      this.producedOnTransports = true;
      try {
        const producer = await transports.send.produce({
          track,
          // The capture outlives a transport (an engine reconnect mid-call re-produces it).
          stopTracks: false,
          ...(kind === 'video' ? { encodings: [{ maxBitrate: 900_000 }] } : {}),
        });
        if (generation !== this.generation || this.activeAlertId === null) {
          producer.close();
          continue;
        }
        this.producers.set(kind, producer);
        producer.on('trackended', () => log.warn(`local ${kind} track ended (device unplugged?)`));
        log.info(`producing ${kind} (${producer.id})`);
        this.changed();
      } catch (error) {
        if (generation !== this.generation) return;
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
    const transports = this.transports;
    if (!transports) {
      log.warn(`call.consumer ${data.consumerId} before the call transports exist; ignored`);
      return;
    }
    const generation = this.generation;
    let consumer: ms.Consumer;
    try {
      consumer = await consumeAnnounced(transports.recv, data);
    } catch (error) {
      log.warn(`cannot consume the caller's ${data.kind}`, messageOf(error));
      return;
    }
    if (generation !== this.generation) {
      consumer.close();
      return;
    }
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

function transportOptions(params: TransportParams): ms.TransportOptions {
  return {
    id: params.id,
    iceParameters: params.iceParameters as unknown as ms.IceParameters,
    iceCandidates: params.iceCandidates as unknown as ms.IceCandidate[],
    dtlsParameters: params.dtlsParameters as unknown as ms.DtlsParameters,
  };
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
