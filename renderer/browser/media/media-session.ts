// The page's media plumbing: one mediasoup Device and ONE receive transport for every tile on the
// page (one ICE/DTLS session, not sixteen), rebuilt after an engine reconnect or a failed
// transport (transport-keeper.ts), with every active watch restarted on the new one.
import type { Device, types as ms } from 'mediasoup-client';
import type { StreamKind } from '../../../common/domain/camera.js';
import { createLogger } from '../../../common/logger.js';
import type { EventData } from '../../../common/protocol/events.js';
import type { MethodResult } from '../../../common/protocol/methods.js';
import type { EngineLink } from '../engine-client.js';
import { TransportKeeper, type Kept, type TransportLoss } from './transport-keeper.js';
import { WatchHandle, type WatchContext } from './watch-handle.js';
import { transportOptions } from './wire-object.js';

const log = createLogger('media');

/** Events for a watch id we have not been told yet (watch.start's answer can trail its events). */
const EARLY_EVENT_TTL_MS = 10_000;
const EARLY_EVENT_LIMIT = 256;

type WatchEvent =
  | { name: 'watch.state'; data: EventData<'watch.state'> }
  | { name: 'watch.consumer'; data: EventData<'watch.consumer'> }
  | { name: 'watch.closed'; data: EventData<'watch.closed'> }
  | { name: 'watch.fastStartEnded'; data: EventData<'watch.fastStartEnded'> };

export interface MediaSessionOptions {
  /** Tests pass a Device with mediasoup-client's fake handler. */
  createDevice?: () => Device;
}

/** What a tile says while its watch waits for a new transport. */
const lossWords: Record<TransportLoss['kind'], string> = {
  disconnected: 'engine connection lost',
  renewing: 'preparing a new transport',
  failed: 'media transport failed',
  restarted: 'media restarting',
  closed: 'session closed',
};

export class MediaSession implements WatchContext {
  private readonly handles = new Set<WatchHandle>();
  private readonly byWatchId = new Map<string, WatchHandle>();
  private readonly early = new Map<string, { at: number; events: WatchEvent[] }>();
  private readonly keeper: TransportKeeper<MethodResult<'media.createRecvTransport'>, { recv: ms.Transport }>;
  private readonly unsubscribe: Array<() => void> = [];
  private closed = false;

  constructor(
    readonly link: EngineLink,
    options: MediaSessionOptions = {},
  ) {
    this.keeper = new TransportKeeper(
      link,
      {
        connectMethod: 'media.connectTransport',
        ask: () => link.request('media.createRecvTransport', {}),
        make: (device, params) => ({ recv: device.createRecvTransport(transportOptions(params)) }),
        ready: ({ transports }) => {
          log.info(`receive transport ${transports.recv.id} ready`);
          for (const handle of this.handles) void handle.begin();
        },
        lost: (loss, kept) => this.lost(loss, kept),
      },
      { log, label: 'media', createDevice: options.createDevice },
    );
  }

  start(): void {
    this.unsubscribe.push(
      this.link.on('watch.state', (data) => this.route({ name: 'watch.state', data })),
      this.link.on('watch.consumer', (data) => this.route({ name: 'watch.consumer', data })),
      this.link.on('watch.closed', (data) => this.route({ name: 'watch.closed', data })),
      this.link.on('watch.fastStartEnded', (data) => this.route({ name: 'watch.fastStartEnded', data })),
    );
    this.keeper.start();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const handle of [...this.handles]) handle.stop();
    this.keeper.close();
  }

  get ready(): boolean {
    return this.keeper.current !== null;
  }

  /** A tile's watch of a camera stream; it starts as soon as the transport is ready. */
  watch(cameraId: string, stream: StreamKind): WatchHandle {
    const handle = new WatchHandle(this, cameraId, stream);
    this.handles.add(handle);
    if (this.keeper.current) void handle.begin();
    return handle;
  }

  // ---- WatchContext ----

  media(): { transport: ms.Transport; rtpCapabilities: ms.RtpCapabilities } | null {
    const kept = this.keeper.current;
    return kept ? { transport: kept.transports.recv, rtpCapabilities: kept.device.rtpCapabilities } : null;
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

  /** The transport goes (closing its consumers): every watch is told its engine side is gone. */
  private lost(loss: TransportLoss, kept: Kept<{ recv: ms.Transport }> | null): void {
    const reason = lossWords[loss.kind];
    if (loss.kind === 'failed') log.warn(`receive transport ${loss.transport.id} failed; rebuilding it`);
    this.byWatchId.clear();
    this.early.clear();
    // Handles first, while their tracks still carry the last picture (tiles keep it up until the
    // next track's first frame); closing the transport ends the tracks, and the picture with them.
    for (const handle of this.handles) handle.engineLost(reason);
    if (kept) log.info(`closing receive transport ${kept.transports.recv.id}: ${reason}`);
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
      case 'watch.fastStartEnded':
        void handle.onFastStartEnded(event.data);
        break;
    }
  }
}
