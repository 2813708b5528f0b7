// What a Viewer and a CallPeer share: one client's WebRTC transports on the router. Each keeps its
// transports its own way and says how to find one by id; opening, connecting and the closed check
// are the same for both.
import type { types } from 'mediasoup';
import { JharokhaError } from '../../common/errors.js';
import { TypedEmitter, type EventMap } from '../../common/typed-emitter.js';
import { connectOnce } from './connect-once.js';

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

export abstract class ClientTransports<E extends EventMap> extends TypedEmitter<E> {
  protected closed = false;

  constructor(
    protected readonly router: types.Router,
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

  protected openTransport(): Promise<types.WebRtcTransport> {
    return this.router.createWebRtcTransport({
      listenIps: [{ ip: this.listen.listenIp, announcedIp: this.listen.announcedIp }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
    });
  }

  protected assertOpen(): void {
    if (this.closed) throw new JharokhaError('InvalidState', 'client closed');
  }
}

export function transportParams(t: types.WebRtcTransport): TransportParams {
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
}
