// One camera stream pulled into the media plane: RTSP ingest → loopback UDP → PlainTransport
// producer on one of the pool's workers. The producer outlives camera reconnects (the ingest keeps
// SSRC, sequence numbers and timestamps continuous), so viewers' consumers survive a camera drop
// and resume on its next keyframe. When its worker dies the source is produced again on a live
// one (same SSRC): watches re-consume it there, and the pull itself never stops.
// Until the first viewer's consumer is resumed, the current GOP is held back rather than sent
// into a producer nobody consumes: an RTSP camera cannot be asked for a keyframe, so the one it
// opened the session with is the first viewer's only chance to start before the next interval.
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import type { StreamKind, StreamState } from '../../common/domain/camera.js';
import { createLogger } from '../../common/logger.js';
import { TypedEmitter } from '../../common/typed-emitter.js';
import { startsKeyframe } from './codec/h264-nal.js';
import { CameraIngest } from './ingest/index.js';
import type { MediaWorker } from './pool/media-worker.js';
import type { WorkerPool } from './pool/worker-pool.js';
import { producerProfileLevelId } from './router-codecs.js';
import { rtpTimestamp } from './rtsp/rtp-packet.js';

const log = createLogger('camera-source');
const PAYLOAD_TYPE = 96;
/** Packets held back before the first viewer is ready: one GOP at most (about 10 s of 720p). */
const MAX_PENDING_PACKETS = 4000;

/** Which camera stream: an endpoint, a pull and a watch each name one. */
export interface CameraStreamRef {
  cameraId: string;
  stream: StreamKind;
}

export interface CameraEndpoint extends CameraStreamRef {
  url: string;
  username?: string;
  password?: string;
  /** The installer lets this camera's password go over plain RTSP with Basic authentication. */
  allowBasicAuth?: boolean;
  transport: 'tcp' | 'udp';
}

export type CameraSourceEvents = {
  state: [state: StreamState, detail: string | undefined];
  producer: [producer: types.Producer];
  close: [];
};

export class CameraSource extends TypedEmitter<CameraSourceEvents> {
  state: StreamState = 'connecting';
  detail: string | undefined;
  producer: types.Producer | undefined;
  private closed = false;
  private producing: Promise<void> | undefined;
  /** The current GOP, from its first packet, while nobody consumes yet. */
  private pending: Buffer[] = [];
  private pendingKeyframeTs: number | undefined;
  private forwarding = false;
  /** Produced again after a worker died: viewers are told the stream is back. */
  private rehomed = false;

  static async create(pool: WorkerPool, endpoint: CameraEndpoint): Promise<CameraSource> {
    const { worker, transport } = await pool.plainTransport();
    const socket = dgram.createSocket('udp4');
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, '127.0.0.1', () => {
          socket.off('error', reject);
          resolve();
        });
      });
      await connectSocket(socket, transport);
    } catch (error) {
      transport.close();
      socket.close();
      throw error;
    }
    const ssrc = randomInt(1, 2 ** 32 - 1);
    const ingest = CameraIngest.create({
      url: endpoint.url,
      username: endpoint.username,
      password: endpoint.password,
      allowBasicAuth: endpoint.allowBasicAuth,
      transport: endpoint.transport,
      ssrc,
      payloadType: PAYLOAD_TYPE,
    });
    const source = new CameraSource(endpoint, pool, { worker, transport }, socket, ingest, ssrc);
    source.wire();
    ingest.start();
    return source;
  }

  private constructor(
    readonly endpoint: CameraEndpoint,
    private readonly pool: WorkerPool,
    private home: { worker: MediaWorker; transport: types.PlainTransport },
    private readonly socket: dgram.Socket,
    private readonly ingest: CameraIngest,
    private readonly ssrc: number,
  ) {
    super();
  }

  /** Which pool worker produces it now (it moves when that worker dies). */
  get workerIndex(): number {
    return this.home.worker.index;
  }

  get key(): string {
    return `${this.endpoint.cameraId}/${this.endpoint.stream}`;
  }

  private wire(): void {
    this.ingest.on('state', (state, detail) => {
      this.state = state;
      this.detail = detail;
      this.safeEmit('state', state, detail);
    });
    this.ingest.on('rtp', (packet) => this.forward(packet));
    // RTCP from the transport (PLI/FIR from viewers) lands here: an RTSP camera cannot be asked
    // for a keyframe, so it is read and dropped rather than left to fill the socket buffer.
    this.socket.on('message', () => undefined);
    this.socket.on('error', (error) => log.warn(`${this.key}: socket error`, error));
    this.watchHome();
  }

  /** The transport closing under the source means its worker died: produce again elsewhere. */
  private watchHome(): void {
    const { transport } = this.home;
    transport.observer.once('close', () => {
      if (this.closed || this.home.transport !== transport) return;
      this.producer = undefined;
      this.producing = undefined;
      this.holdFromNextKeyframe();
      this.safeEmit('state', 'stalled', 'media worker restarted: reconnecting video');
      void this.rehome();
    });
  }

  private async rehome(): Promise<void> {
    while (!this.closed) {
      try {
        const { worker, transport } = await this.pool.plainTransport();
        if (this.closed) return transport.close();
        this.home = { worker, transport };
        this.watchHome();
        await connectSocket(this.socket, transport);
        this.rehomed = true;
        log.info(`${this.key}: produced again on media worker ${worker.index}`);
        return;
      } catch (error) {
        log.warn(`${this.key}: cannot produce again yet`, error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private forward(packet: Buffer): void {
    if (this.closed) return;
    const { transport } = this.home;
    // Not while the source is between workers: the new transport gets the producer.
    if (!transport.closed) this.producing ??= this.createProducer().catch((error) => {
      if (transport.closed) return; // its worker died meanwhile: rehome() takes over
      log.error(`${this.key}: producer failed`, error);
      this.close();
    });
    if (this.forwarding) this.send(packet);
    else this.holdBack(packet);
  }

  /** Viewers re-consume the new producer: hold back until one is resumed, from a keyframe. */
  private holdFromNextKeyframe(): void {
    this.forwarding = false;
    this.pending = [];
    this.pendingKeyframeTs = undefined;
  }

  private holdBack(packet: Buffer): void {
    const ts = rtpTimestamp(packet);
    if (startsKeyframe(packet) && ts !== this.pendingKeyframeTs) {
      this.pending = [];
      this.pendingKeyframeTs = ts;
    }
    // Packets before the first keyframe could not be decoded anyway.
    if (this.pendingKeyframeTs === undefined) return;
    if (this.pending.length < MAX_PENDING_PACKETS) this.pending.push(packet);
    else this.pendingKeyframeTs = undefined; // a GOP too long to hold: wait for the next one
  }

  /**
   * A viewer's consumer is resumed: send the held GOP, then everything live. Idempotent; later
   * viewers join the running stream and start at its next keyframe.
   */
  startForwarding(): void {
    if (this.forwarding || this.closed || !this.producer) return;
    this.forwarding = true;
    const held = this.pending;
    this.pending = [];
    for (const packet of held) this.send(packet);
  }

  private send(packet: Buffer): void {
    // While a new transport is being connected the socket has no peer: nothing to send to.
    if (this.producer) this.socket.send(packet);
  }

  private async createProducer(): Promise<void> {
    const { worker, transport } = this.home;
    const producer = await transport.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [
          {
            mimeType: 'video/H264',
            payloadType: PAYLOAD_TYPE,
            clockRate: 90000,
            parameters: {
              'packetization-mode': 1,
              'profile-level-id': producerProfileLevelId(this.ingest.profileLevelId),
            },
            rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
          },
        ],
        encodings: [{ ssrc: this.ssrc }],
        rtcp: { cname: `jharokha-${this.endpoint.cameraId}`, reducedSize: true },
      },
      appData: { cameraId: this.endpoint.cameraId, stream: this.endpoint.stream },
    });
    if (this.closed || this.home.transport !== transport) {
      producer.close();
      return;
    }
    this.pool.adopt(producer, worker);
    this.producer = producer;
    this.safeEmit('producer', producer);
    if (this.rehomed) this.safeEmit('state', this.ingest.state, this.ingest.detail);
  }

  /** Idempotent. Cascade: ingest stops, transport closes → producer → every consumer of it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.ingest.close();
    this.home.transport.close();
    this.socket.close();
    this.safeEmit('close');
    this.removeAllListeners();
  }
}

/** Connected, so each send skips the per-packet address lookup; a new transport gets the same socket (comedia learns it). */
async function connectSocket(socket: dgram.Socket, transport: types.PlainTransport): Promise<void> {
  try {
    socket.disconnect();
  } catch {
    // not connected yet
  }
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(transport.tuple.localPort, transport.tuple.localIp, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}
