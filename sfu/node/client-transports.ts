// What a Viewer and a CallPeer share: one client's WebRTC transports on the pool's workers. Each
// keeps its transports its own way and says how to find one by id; opening, connecting, the closed
// check and telling the client when a worker took a transport down are the same for both.
import type { types } from 'mediasoup';
import { JharokhaError } from '../../common/errors.js';
import type { EventData } from '../../common/protocol/events.js';
import { TypedEmitter, type EventMap } from '../../common/typed-emitter.js';
import { connectOnce } from './connect-once.js';
import type { MediaWorker } from './pool/media-worker.js';
import type { WorkerPool } from './pool/worker-pool.js';

export interface WebRtcListenOptions {
  listenIp: string;
  announcedIp?: string;
}

/** What a client needs to open its side of a transport. */
export interface TransportParams {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
}

/** A transport opened on one of the pool's workers. */
export interface PlacedTransport {
  transport: types.WebRtcTransport;
  worker: MediaWorker;
}

/** Both kinds of client say the same thing when a worker's death takes one of their transports. */
export type TransportLostEvents = { 'transport.lost': [EventData<'media.transportClosed'>] };

export abstract class ClientTransports<E extends EventMap & TransportLostEvents> extends TypedEmitter<E> {
  protected closed = false;
  /** Transports this client closed itself: their close is not news to the client. */
  private readonly closing = new WeakSet<types.WebRtcTransport>();

  constructor(
    protected readonly pool: WorkerPool,
    private readonly listen: WebRtcListenOptions,
  ) {
    super();
  }

  /** Idempotent for the same DTLS parameters (connect-once.ts). */
  async connectTransport(transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await connectOnce(this.transport(transportId), dtlsParameters);
  }

  /** One of this client's open transports, or a NotFound error. */
  protected abstract transport(id: string): types.WebRtcTransport;

  /**
   * On `worker`, or the least-loaded one. `lost` runs when the transport closes under the client
   * (its worker died), after which the client is told so it builds a new one at once.
   */
  protected async openTransport(lost: (transport: types.WebRtcTransport) => void, worker?: MediaWorker): Promise<PlacedTransport> {
    const placed = await this.pool.webRtcTransport(
      { listenIps: [{ ip: this.listen.listenIp, announcedIp: this.listen.announcedIp }], enableUdp: true, enableTcp: true, preferUdp: true },
      worker,
    );
    const { transport } = placed;
    transport.observer.once('close', () => {
      if (this.closing.has(transport) || this.closed) return;
      lost(transport);
      (this as unknown as TypedEmitter<TransportLostEvents>).safeEmit('transport.lost', { transportId: transport.id, reason: 'its media worker restarted' });
    });
    return placed;
  }

  /** Closes a transport of this client's own accord (no `transport.lost`). */
  protected closeTransport(transport: types.WebRtcTransport | undefined): void {
    if (!transport) return;
    this.closing.add(transport);
    transport.close();
  }

  protected assertOpen(): void {
    if (this.closed) throw new JharokhaError('InvalidState', 'client closed');
  }
}

export function transportParams(t: types.WebRtcTransport): TransportParams {
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
}
