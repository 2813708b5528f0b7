// The transport lifecycle the page's watches (media-session.ts) and a call's media (call-media.ts)
// share: a new Device and new transports on every (re)connect of the link, dropped when the link
// goes, rebuilt after a backoff (retry.ts) when one fails. What closes what: CLOSURES.md.
import { Device, type types as ms } from 'mediasoup-client';
import type { Logger } from '../../../common/logger.js';
import type { EngineLink } from '../engine-client.js';
import { Retry } from './retry.js';
import { toWireObject } from './wire-object.js';

/** An owner's transports by role: `{ recv }` for the watches, `{ send, recv }` for a call. */
export type TransportSet = Record<string, ms.Transport>;

export interface Kept<T extends TransportSet> {
  readonly device: Device;
  readonly transports: T;
}

/** Why the transports go; the owner says it in its own words. */
export type TransportLoss =
  | { kind: 'disconnected' }
  | { kind: 'renewing' }
  | { kind: 'failed'; transport: ms.Transport }
  /** The engine says one of them died with its media worker: rebuilt at once. */
  | { kind: 'restarted' }
  | { kind: 'closed' };

/** What differs between owners: which transports the engine makes, and what runs on them. */
export interface TransportOwner<P, T extends TransportSet> {
  /** The engine method that connects (DTLS) one of these transports. */
  readonly connectMethod: 'media.connectTransport' | 'call.connectTransport';
  /** Asks the engine for the transports, for a Device loaded with its router's capabilities. */
  ask(device: Device): Promise<P>;
  /** Makes the transports from the engine's answer. */
  make(device: Device, params: P): T;
  /** New transports are ready: start what runs on them. */
  ready(kept: Kept<T>): void;
  /** The transports (null when none were ready yet) go; they are closed right after. */
  lost(loss: TransportLoss, kept: Kept<T> | null): void;
}

export interface TransportKeeperOptions {
  /** The owner's logger. */
  log: Logger;
  /** What the owner's media is called in the log ("media", "call media"). */
  label: string;
  /** Tests pass a Device with mediasoup-client's fake handler. */
  createDevice?: (() => Device) | undefined;
}

export class TransportKeeper<P, T extends TransportSet> {
  private kept: Kept<T> | null = null;
  /** Bumped whenever the transports go: async work for older ones is abandoned. */
  private generationCount = 0;
  private readonly retry = new Retry(() => {
    if (this.link.connected) void this.renew();
  });
  private readonly createDevice: () => Device;
  private readonly unsubscribe: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly link: EngineLink,
    private readonly owner: TransportOwner<P, T>,
    private readonly options: TransportKeeperOptions,
  ) {
    this.createDevice = options.createDevice ?? (() => new Device());
  }

  /** Follows the link: transports on every `connected`, none while it is down. */
  start(): void {
    this.unsubscribe.push(
      this.link.on('connected', () => void this.renew()),
      this.link.on('disconnected', () => this.drop({ kind: 'disconnected' })),
      this.link.on('media.transportClosed', ({ transportId }) => this.onEngineClosed(transportId)),
    );
    if (this.link.connected) void this.renew();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    this.drop({ kind: 'closed' });
  }

  /** The ready Device and transports, or null while (re)connecting. */
  get current(): Kept<T> | null {
    return this.kept;
  }

  /** Changes whenever the transports go: compare it after an await to see whether they still stand. */
  get generation(): number {
    return this.generationCount;
  }

  /** Drops the transports there are (if any) and builds new ones. */
  async renew(loss: 'renewing' | 'restarted' = 'renewing'): Promise<void> {
    if (this.closed) return;
    if (this.kept) this.drop({ kind: loss });
    const generation = ++this.generationCount;
    try {
      const { rtpCapabilities } = await this.link.request('media.routerCapabilities', {});
      if (generation !== this.generationCount) return;
      // A new Device each time: a restarted engine may offer different codecs.
      const device = this.createDevice();
      await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as ms.RtpCapabilities });
      if (generation !== this.generationCount) return;
      const params = await this.owner.ask(device);
      if (generation !== this.generationCount) return;
      const transports = this.owner.make(device, params);
      for (const transport of Object.values(transports)) {
        transport.on('connect', ({ dtlsParameters }, callback, errback) => {
          this.link
            .request(this.owner.connectMethod, { transportId: transport.id, dtlsParameters: toWireObject(dtlsParameters) })
            .then(() => callback(), errback);
        });
        transport.on('connectionstatechange', (state) => this.onTransportState(transport, state));
      }
      this.kept = { device, transports };
      this.owner.ready(this.kept);
    } catch (error) {
      if (generation !== this.generationCount || this.closed) return;
      this.options.log.warn(`cannot prepare ${this.options.label}`, error instanceof Error ? error.message : String(error));
      this.scheduleRetry();
    }
  }

  /** Waiting for ICE to notice would take seconds; the engine already knows. */
  private onEngineClosed(transportId: string): void {
    if (!this.kept || !Object.values(this.kept.transports).some((t) => t.id === transportId)) return;
    this.options.log.warn(`${this.options.label}: transport ${transportId} went with its media worker; rebuilding`);
    void this.renew('restarted');
  }

  private onTransportState(transport: ms.Transport, state: ms.ConnectionState): void {
    if (!this.kept || !Object.values(this.kept.transports).includes(transport)) return;
    if (state === 'connected') this.retry.succeeded();
    // 'disconnected' may heal by itself (ICE restarts on its own); 'failed' will not.
    if (state === 'failed') {
      this.drop({ kind: 'failed', transport });
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (!this.closed) this.retry.schedule();
  }

  private drop(loss: TransportLoss): void {
    this.generationCount++;
    this.retry.cancel();
    const kept = this.kept;
    this.kept = null;
    this.owner.lost(loss, kept);
    for (const transport of Object.values(kept?.transports ?? {})) transport.close();
  }
}
