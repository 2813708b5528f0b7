// The page's media plumbing: one mediasoup Device and ONE receive transport for every tile on the
// page (one ICE/DTLS session, not sixteen), rebuilt after an engine reconnect or a failed
// transport, with every active watch restarted on the new one.
import { Device, type types as ms } from 'mediasoup-client';
import type { StreamKind } from '../../../common/domain/camera.js';
import { createLogger } from '../../../common/logger.js';
import type { EventData } from '../../../common/protocol/events.js';
import type { EngineLink } from '../engine-client.js';
import { WatchHandle, type WatchContext } from './watch-handle.js';
import { toWireObject } from './wire-object.js';
import { Retry } from './retry.js';

const log = createLogger('media');

/** Events for a watch id we have not been told yet (watch.start's answer can trail its events). */
const EARLY_EVENT_TTL_MS = 10_000;
const EARLY_EVENT_LIMIT = 256;

type WatchEvent =
  | { name: 'watch.state'; data: EventData<'watch.state'> }
  | { name: 'watch.consumer'; data: EventData<'watch.consumer'> }
  | { name: 'watch.closed'; data: EventData<'watch.closed'> };

export interface MediaSessionOptions {
  /** Tests pass a Device with mediasoup-client's fake handler. */
  createDevice?: () => Device;
}

export class MediaSession implements WatchContext {
  private readonly handles = new Set<WatchHandle>();
  private readonly byWatchId = new Map<string, WatchHandle>();
  private readonly early = new Map<string, { at: number; events: WatchEvent[] }>();
  private readonly createDevice: () => Device;
  private readonly unsubscribe: Array<() => void> = [];
  private current: { device: Device; transport: ms.Transport } | null = null;
  /** Bumped whenever the media is torn down: async preparation for an older one is abandoned. */
  private generation = 0;
  private readonly retry = new Retry(() => {
    if (this.link.connected) void this.prepare();
  });
  private closed = false;

  constructor(
    readonly link: EngineLink,
    options: MediaSessionOptions = {},
  ) {
    this.createDevice = options.createDevice ?? (() => new Device());
  }

  start(): void {
    this.unsubscribe.push(
      this.link.on('connected', () => void this.prepare()),
      this.link.on('disconnected', () => this.teardown('engine connection lost')),
      this.link.on('watch.state', (data) => this.route({ name: 'watch.state', data })),
      this.link.on('watch.consumer', (data) => this.route({ name: 'watch.consumer', data })),
      this.link.on('watch.closed', (data) => this.route({ name: 'watch.closed', data })),
    );
    if (this.link.connected) void this.prepare();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const handle of [...this.handles]) handle.stop();
    this.teardown('session closed');
  }

  get ready(): boolean {
    return this.current !== null;
  }

  /** A tile's watch of a camera stream; it starts as soon as the transport is ready. */
  watch(cameraId: string, stream: StreamKind): WatchHandle {
    const handle = new WatchHandle(this, cameraId, stream);
    this.handles.add(handle);
    if (this.current) void handle.begin();
    return handle;
  }

  // ---- WatchContext ----

  media(): { transport: ms.Transport; rtpCapabilities: ms.RtpCapabilities } | null {
    const current = this.current;
    return current ? { transport: current.transport, rtpCapabilities: current.device.rtpCapabilities } : null;
  }

  register(watchId: string, handle: WatchHandle): void {
    this.byWatchId.set(watchId, handle);
    const waiting = this.early.get(watchId);
    this.early.delete(watchId);
    for (const event of waiting?.events ?? []) this.deliver(handle, event);
  }

  unregister(watchId: string): void {
    this.byWatchId.delete(watchId);
  }

  forget(handle: WatchHandle): void {
    this.handles.delete(handle);
  }

  // ---- internals ----

  private async prepare(): Promise<void> {
    if (this.closed) return;
    if (this.current) this.teardown('preparing a new transport');
    const generation = ++this.generation;
    try {
      const { rtpCapabilities } = await this.link.request('media.routerCapabilities', {});
      if (generation !== this.generation) return;
      // A new Device each time: a restarted engine may offer different codecs.
      const device = this.createDevice();
      await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as ms.RtpCapabilities });
      const params = await this.link.request('media.createRecvTransport', {});
      if (generation !== this.generation) return;
      const transport = device.createRecvTransport({
        id: params.id,
        iceParameters: params.iceParameters as unknown as ms.IceParameters,
        iceCandidates: params.iceCandidates as unknown as ms.IceCandidate[],
        dtlsParameters: params.dtlsParameters as unknown as ms.DtlsParameters,
      });
      transport.on('connect', ({ dtlsParameters }, callback, errback) => {
        this.link
          .request('media.connectTransport', { transportId: transport.id, dtlsParameters: toWireObject(dtlsParameters) })
          .then(() => callback(), errback);
      });
      transport.on('connectionstatechange', (state) => this.onTransportState(transport, state));
      this.current = { device, transport };
      log.info(`receive transport ${transport.id} ready`);
      for (const handle of this.handles) void handle.begin();
    } catch (error) {
      if (generation !== this.generation || this.closed) return;
      log.warn('cannot prepare media', error instanceof Error ? error.message : error);
      this.scheduleRetry();
    }
  }

  private onTransportState(transport: ms.Transport, state: ms.ConnectionState): void {
    if (this.current?.transport !== transport) return;
    if (state === 'connected') this.retry.succeeded();
    // 'disconnected' may heal by itself (ICE restarts on its own); 'failed' will not.
    if (state === 'failed') {
      log.warn(`receive transport ${transport.id} failed; rebuilding it`);
      this.teardown('media transport failed');
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (!this.closed) this.retry.schedule();
  }

  /** Drops the transport (closing its consumers) and tells every watch its engine side is gone. */
  private teardown(reason: string): void {
    this.generation++;
    this.retry.cancel();
    const current = this.current;
    this.current = null;
    this.byWatchId.clear();
    this.early.clear();
    // Handles first, while their tracks still carry the last picture (tiles keep it up until the
    // next track's first frame); closing the transport ends the tracks, and the picture with them.
    for (const handle of this.handles) handle.engineLost(reason);
    if (current) {
      log.info(`closing receive transport ${current.transport.id}: ${reason}`);
      current.transport.close();
    }
  }

  private route(event: WatchEvent): void {
    const handle = this.byWatchId.get(event.data.watchId);
    if (handle) {
      this.deliver(handle, event);
      return;
    }
    this.keepEarly(event);
  }

  private keepEarly(event: WatchEvent): void {
    const now = Date.now();
    for (const [watchId, entry] of this.early) {
      if (now - entry.at > EARLY_EVENT_TTL_MS || this.early.size > EARLY_EVENT_LIMIT) this.early.delete(watchId);
    }
    const entry = this.early.get(event.data.watchId) ?? { at: now, events: [] };
    entry.events.push(event);
    this.early.set(event.data.watchId, entry);
  }

  private deliver(handle: WatchHandle, event: WatchEvent): void {
    switch (event.name) {
      case 'watch.state':
        handle.onState(event.data);
        break;
      case 'watch.consumer':
        void handle.onConsumer(event.data);
        break;
      case 'watch.closed':
        handle.onClosed(event.data);
        break;
    }
  }
}
