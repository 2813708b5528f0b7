// One camera stream pulled into the router: an ingest shard's feed → PlainTransport producer.
// The RTSP pull runs in an ingest shard (child process) that sends RTP straight to the transport;
// this side is control only. The producer outlives camera reconnects (the ingest keeps SSRC,
// sequence numbers and timestamps continuous) and the death of its shard (the restarted shard
// sends from the same port and continues the numbering), so viewers' consumers survive both and
// resume on the camera's next keyframe. Until the first viewer's consumer is resumed the feed is
// held: its shard keeps the current GOP rather than send it into a producer nobody consumes.
import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import type { StreamKind, StreamState } from '../../common/domain/camera.js';
import { createLogger } from '../../common/logger.js';
import { TypedEmitter } from '../../common/typed-emitter.js';
import type { Feed, IngestShards } from './ingest-shards/index.js';
import { producerProfileLevelId } from './router-codecs.js';

const log = createLogger('camera-source');
const PAYLOAD_TYPE = 96;

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
  private forwarding = false;

  static async create(router: types.Router, endpoint: CameraEndpoint, shards: IngestShards): Promise<CameraSource> {
    const transport = await router.createPlainTransport({
      listenIp: { ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: true,
    });
    const ssrc = randomInt(1, 2 ** 32 - 1);
    const key = `${endpoint.cameraId}/${endpoint.stream}`;
    let feed: Feed;
    try {
      feed = shards.open(key, { endpoint, ssrc, payloadType: PAYLOAD_TYPE, target: tupleOf(transport) });
    } catch (error) {
      transport.close();
      throw error;
    }
    const source = new CameraSource(endpoint, transport, feed, ssrc);
    source.wire();
    return source;
  }

  private constructor(
    readonly endpoint: CameraEndpoint,
    private readonly transport: types.PlainTransport,
    private readonly feed: Feed,
    private readonly ssrc: number,
  ) {
    super();
  }

  get key(): string {
    return `${this.endpoint.cameraId}/${this.endpoint.stream}`;
  }

  private wire(): void {
    this.feed.on('state', (state, detail) => {
      this.state = state;
      this.detail = detail;
      this.safeEmit('state', state, detail);
    });
    this.feed.on('track', (profileLevelId) => {
      this.producing ??= this.createProducer(profileLevelId).catch((error) => {
        log.error(`${this.key}: producer failed`, error);
        this.close();
      });
    });
    // The restarted shard sends from the port this transport learnt, so the producer lives on.
    this.feed.on('lost', (reason) => {
      log.debug(`${this.key}: ingest shard lost (${reason}), re-opening`); // the slot logs the shard once
      this.feed.retarget(tupleOf(this.transport));
      if (this.forwarding) this.feed.startForwarding();
    });
    this.transport.observer.once('close', () => this.close());
  }

  /**
   * A viewer's consumer is resumed: send the held GOP, then everything live. Idempotent; later
   * viewers join the running stream and start at its next keyframe.
   */
  startForwarding(): void {
    if (this.forwarding || this.closed || !this.producer) return;
    this.forwarding = true;
    this.feed.startForwarding();
  }

  private async createProducer(profileLevelId: string | undefined): Promise<void> {
    const producer = await this.transport.produce({
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
    if (this.closed) {
      producer.close();
      return;
    }
    this.producer = producer;
    this.safeEmit('producer', producer);
  }

  /** Idempotent. Cascade: the feed closes (its shard TEARDOWNs), transport → producer → consumers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.feed.close();
    this.transport.close();
    this.safeEmit('close');
    this.removeAllListeners();
  }
}

const tupleOf = (transport: types.PlainTransport): { ip: string; port: number } => ({
  ip: transport.tuple.localIp,
  port: transport.tuple.localPort,
});
