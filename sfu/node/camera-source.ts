// One camera stream pulled into the media plane: an ingest shard's feed → PlainTransport producer
// on one of the pool's workers. The RTSP pull runs in an ingest shard (child process) that sends
// RTP straight to the transport; this side is control only. The producer outlives camera
// reconnects (the ingest keeps SSRC, sequence numbers and timestamps continuous) and the death of
// its shard (the restarted shard sends from the same port and continues the numbering), so
// viewers' consumers survive both and resume on the camera's next keyframe. When the producer's
// mediasoup worker dies the source is produced again on a live one (same feed, same SSRC): its
// watches re-consume it there, and the pull itself never stops. Until the first viewer's consumer
// is resumed the feed is held: its shard keeps the current GOP rather than send it into a
// producer nobody consumes.
import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import type { StreamKind, StreamState } from '../../common/domain/camera.js';
import { createLogger } from '../../common/logger.js';
import { TypedEmitter } from '../../common/typed-emitter.js';
import type { FastStart, Feed, FeedTarget, IngestShards } from './ingest-shards/index.js';
import type { MediaWorker } from './pool/media-worker.js';
import type { WorkerPool } from './pool/worker-pool.js';
import { producerProfileLevelId } from './router-codecs.js';

const log = createLogger('camera-source');
const PAYLOAD_TYPE = 96;
/** Fast starts one camera stream runs at once (each is a viewer's own copy of the GOP). */
const MAX_FAST_STARTS = 8;

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

/** Where the source is produced now: it moves when that worker dies. */
interface Home {
  worker: MediaWorker;
  transport: types.PlainTransport;
}

export class CameraSource extends TypedEmitter<CameraSourceEvents> {
  state: StreamState = 'connecting';
  detail: string | undefined;
  producer: types.Producer | undefined;
  private closed = false;
  private producing: Promise<void> | undefined;
  private forwarding = false;
  private fastStarts = 0;
  private everForwarded = false;
  /** The ingest's profile, once known: a producer made again after a worker died needs it. */
  private track: { profileLevelId: string | undefined } | undefined;
  /** Between workers: its watches were told `stalled` and hear the real state once it is back. */
  private rehomed = false;

  /** Produced near the worker of the viewer that opened it, when that worker is not busier (worker-pool.ts). */
  static async create(pool: WorkerPool, endpoint: CameraEndpoint, shards: IngestShards, near?: MediaWorker): Promise<CameraSource> {
    const home = await pool.plainTransport(near);
    const ssrc = randomInt(1, 2 ** 32 - 1);
    const key = `${endpoint.cameraId}/${endpoint.stream}`;
    let feed: Feed;
    try {
      feed = shards.open(key, { endpoint, ssrc, payloadType: PAYLOAD_TYPE, target: tupleOf(home.transport) });
    } catch (error) {
      home.transport.close();
      throw error;
    }
    const source = new CameraSource(endpoint, pool, home, feed, ssrc);
    source.wire();
    return source;
  }

  private constructor(
    readonly endpoint: CameraEndpoint,
    private readonly pool: WorkerPool,
    private home: Home,
    private readonly feed: Feed,
    private readonly ssrc: number,
  ) {
    super();
  }

  get key(): string {
    return `${this.endpoint.cameraId}/${this.endpoint.stream}`;
  }

  /** Which pool worker produces it now. */
  get workerIndex(): number {
    return this.home.worker.index;
  }

  private wire(): void {
    this.feed.on('state', (state, detail) => {
      this.state = state;
      this.detail = detail;
      this.safeEmit('state', state, detail);
    });
    this.feed.on('track', (profileLevelId) => {
      this.track = { profileLevelId };
      this.produce();
    });
    // The restarted shard sends from the port this transport learnt, so the producer lives on.
    this.feed.on('lost', (reason) => {
      log.debug(`${this.key}: ingest shard lost (${reason}), re-opening`); // the slot logs the shard once
      this.feed.retarget(tupleOf(this.home.transport));
      if (this.forwarding) this.feed.startForwarding();
    });
    this.watchHome();
  }

  private produce(): void {
    const { transport } = this.home;
    if (!this.track || transport.closed) return;
    this.producing ??= this.createProducer(this.home, this.track.profileLevelId).catch((error) => {
      if (transport.closed) return; // its worker died meanwhile: rehome() takes over
      log.error(`${this.key}: producer failed`, error);
      this.close();
    });
  }

  /** The transport closing under the source means its worker died: produce again elsewhere. */
  private watchHome(): void {
    const { transport } = this.home;
    transport.observer.once('close', () => {
      if (this.closed || this.home.transport !== transport) return;
      this.producer = undefined;
      this.producing = undefined;
      this.rehomed = true;
      // Viewers re-consume the new producer: held until one of them is resumed, from a keyframe.
      this.forwarding = false;
      this.feed.hold();
      this.safeEmit('state', 'stalled', 'media worker restarted: reconnecting video');
      void this.rehome();
    });
  }

  private async rehome(): Promise<void> {
    while (!this.closed) {
      try {
        const home = await this.pool.plainTransport();
        if (this.closed) return home.transport.close();
        this.home = home;
        this.watchHome();
        this.feed.retarget(tupleOf(home.transport));
        log.info(`${this.key}: produced again on media worker ${home.worker.index}`);
        this.produce();
        return;
      } catch (error) {
        log.warn(`${this.key}: cannot produce again yet`, error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Whether a joining viewer can start from the current GOP rather than wait (fast-start-leg.ts). */
  get canFastStart(): boolean {
    // Once forwarded, a stream held again (produced anew after its worker died) is joined by
    // several viewers at once: only the first of them gets the flushed GOP, the others a fast start.
    return this.everForwarded && this.producer !== undefined && !this.closed && this.fastStarts < MAX_FAST_STARTS;
  }

  /** Sending live to its producer now (a viewer's consumer was resumed since it was last held). */
  get isForwarding(): boolean {
    return this.forwarding;
  }

  /** One of the stream's fast-start places, from the offer to its end: call the result to give it back. */
  takeFastStartSlot(): (() => void) | undefined {
    if (!this.canFastStart) return undefined;
    this.fastStarts++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.fastStarts--;
    };
  }

  /** The shard sends one viewer the current GOP, then live packets until the next keyframe. */
  fastStart(spec: { ssrc: number; target: FeedTarget }): FastStart | undefined {
    return this.forwarding && !this.closed ? this.feed.fastStart(spec) : undefined;
  }

  /**
   * A viewer's consumer is resumed: send the held GOP, then everything live. Idempotent; later
   * viewers join the running stream and start at its next keyframe.
   */
  startForwarding(): void {
    if (this.forwarding || this.closed || !this.producer) return;
    this.forwarding = true;
    this.everForwarded = true;
    this.feed.startForwarding();
  }

  private async createProducer(home: Home, profileLevelId: string | undefined): Promise<void> {
    const producer = await home.transport.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [
          {
            mimeType: 'video/H264',
            payloadType: PAYLOAD_TYPE,
            clockRate: 90000,
            parameters: {
              'packetization-mode': 1,
              'profile-level-id': producerProfileLevelId(profileLevelId),
            },
            rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
          },
        ],
        encodings: [{ ssrc: this.ssrc }],
        rtcp: { cname: `jharokha-${this.endpoint.cameraId}`, reducedSize: true },
      },
      appData: { cameraId: this.endpoint.cameraId, stream: this.endpoint.stream },
    });
    if (this.closed || this.home !== home) {
      producer.close();
      return;
    }
    this.pool.adopt(producer, home.worker);
    this.producer = producer;
    this.safeEmit('producer', producer);
    // Produced again after its worker died: the tiles learn the stream is back.
    if (this.rehomed) this.safeEmit('state', this.state, this.detail);
    this.rehomed = false;
  }

  /** Idempotent. Cascade: the feed closes (its shard TEARDOWNs), transport → producer → consumers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.feed.close();
    this.home.transport.close();
    this.safeEmit('close');
    this.removeAllListeners();
  }
}

const tupleOf = (transport: types.PlainTransport): { ip: string; port: number } => ({
  ip: transport.tuple.localIp,
  port: transport.tuple.localPort,
});
