// One mediasoup worker (a process, one core's worth of forwarding) with its one router, and the
// load on it: what the pool weighs when it places a camera stream, a page's transport or a call.
import type { types } from 'mediasoup';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { loadMediasoup } from '../load-mediasoup.js';
import { routerMediaCodecs } from '../router-codecs.js';

export interface MediaWorkerOptions {
  rtcMinPort: number;
  rtcMaxPort: number;
}

/** What /healthz and the log show for one worker. */
export interface MediaWorkerLoad {
  index: number;
  pid: number;
  transports: number;
  producers: number;
  consumers: number;
}

export type MediaWorkerEvents = { died: [error: Error] };

export class MediaWorker extends TypedEmitter<MediaWorkerEvents> {
  /** Camera streams (a PlainTransport each) and client transports, made or being made. */
  private streams = 0;
  private clients = 0;
  private producers = 0;
  private consumers = 0;
  private closed = false;

  static async create(index: number, options: MediaWorkerOptions): Promise<MediaWorker> {
    const mediasoup = await loadMediasoup();
    const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: options.rtcMinPort, rtcMaxPort: options.rtcMaxPort });
    try {
      const router = await worker.createRouter({ mediaCodecs: routerMediaCodecs });
      return new MediaWorker(index, worker, router);
    } catch (error) {
      worker.close();
      throw error;
    }
  }

  private constructor(
    readonly index: number,
    private readonly worker: types.Worker,
    readonly router: types.Router,
  ) {
    super();
    this.countLoad();
    worker.on('died', (error) => {
      if (this.closed) return;
      this.closed = true;
      this.safeEmit('died', error);
      this.removeAllListeners();
    });
  }

  get pid(): number {
    return this.worker.pid;
  }

  /** The router closes first when the process dies, before `died`: placement must not pick it then. */
  get alive(): boolean {
    return !this.closed && !this.router.closed;
  }

  /**
   * Counted from the moment it is asked for, so cameras starting together spread over the
   * workers instead of all landing on the one that looked idle. A camera stream weighs as much as
   * a few viewers (its producer takes every packet in); forwarding to viewers is the rest.
   */
  get weight(): number {
    return this.consumers + 4 * this.streams + this.clients;
  }

  get load(): MediaWorkerLoad {
    return { index: this.index, pid: this.pid, transports: this.streams + this.clients, producers: this.producers, consumers: this.consumers };
  }

  /** A camera stream's way in: RTP from the ingest on loopback, its source learnt from the first packet. */
  plainTransport(): Promise<types.PlainTransport> {
    return this.counted('streams', () => this.router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: true }));
  }

  webRtcTransport(options: types.WebRtcTransportOptions): Promise<types.WebRtcTransport> {
    return this.counted('clients', () => this.router.createWebRtcTransport(options));
  }

  private async counted<T extends types.Transport>(kind: 'streams' | 'clients', make: () => Promise<T>): Promise<T> {
    this[kind]++;
    try {
      const transport = await make();
      transport.observer.once('close', () => this[kind]--);
      return transport;
    } catch (error) {
      this[kind]--;
      throw error;
    }
  }

  private countLoad(): void {
    this.router.observer.on('newtransport', (transport) => {
      transport.observer.on('newproducer', (producer) => {
        this.producers++;
        producer.observer.once('close', () => this.producers--);
      });
      transport.observer.on('newconsumer', (consumer) => {
        this.consumers++;
        consumer.observer.once('close', () => this.consumers--);
      });
    });
  }

  /** Idempotent: the worker process ends, and with it the router and everything on it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.close();
    this.removeAllListeners();
  }
}
