// A fast start for one watch of a camera already being forwarded. mediasoup starts a new consumer
// only at a keyframe, and an RTSP camera cannot be asked for one, so a viewer joining mid-GOP
// would wait for the camera's next one (seconds). Instead this watch gets a producer of its own
// on its transport's worker: a PlainTransport the ingest shard feeds with the camera's current
// GOP (timestamps rebased, so the decoder catches up at once) and then the live packets until the
// next keyframe, which the watch's shared consumer starts on. The page shows this leg's track until
// the shared one has a frame, then drops it. Short-lived: closed a little after it ends, or with
// the watch.
import { randomInt } from 'node:crypto';
import type { types } from 'mediasoup';
import { createLogger } from '../../common/logger.js';
import type { EventData } from '../../common/protocol/events.js';
import { TypedEmitter } from '../../common/typed-emitter.js';
import type { CameraSource } from './camera-source.js';
import type { PlacedTransport } from './client-transports.js';
import { withoutBandwidthEstimation } from './router-codecs.js';

const log = createLogger('fast-start');
/** After the last fast packet, how long the page has to switch to its shared consumer. */
const SWITCH_GRACE_MS = 3_000;

export type FastStartReason = EventData<'watch.fastStartEnded'>['reason'];
export type FastStartLegEvents = { ended: [reason: FastStartReason] };

export class FastStartLeg extends TypedEmitter<FastStartLegEvents> {
  private closed = false;
  private began = false;
  private ended = false;
  private stopFeed: (() => void) | undefined;
  private graceTimer: NodeJS.Timeout | undefined;

  /** Everything made paused on the watch's worker; undefined when the browser cannot consume it. */
  static async create(placed: PlacedTransport, shared: types.Producer, rtpCapabilities: types.RtpCapabilities): Promise<FastStartLeg> {
    const transport = await placed.worker.plainTransport();
    try {
      const [codec] = shared.rtpParameters.codecs;
      const ssrc = randomInt(1, 2 ** 32 - 1);
      const producer = await transport.produce({
        kind: 'video',
        rtpParameters: { codecs: codec ? [codec] : [], encodings: [{ ssrc }], rtcp: { cname: `${shared.rtpParameters.rtcp?.cname ?? 'jharokha'}-fast`, reducedSize: true } },
      });
      const consumer = await placed.transport.consume({ producerId: producer.id, rtpCapabilities: withoutBandwidthEstimation(rtpCapabilities), paused: true });
      return new FastStartLeg(transport, producer, consumer, ssrc);
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  private constructor(
    private readonly transport: types.PlainTransport,
    readonly producer: types.Producer,
    readonly consumer: types.Consumer,
    private readonly ssrc: number,
  ) {
    super();
    // The watch's transport or the worker going takes the consumer: nothing left to start.
    consumer.observer.once('close', () => this.finish('closed'));
  }

  /** The page has the consumer and resumed it: the shard sends the GOP now. Once. */
  async begin(source: CameraSource): Promise<void> {
    if (this.began || this.closed) return;
    this.began = true;
    try {
      await this.consumer.resume();
    } catch {
      return this.finish('closed'); // the watch or its worker went meanwhile
    }
    if (this.closed) return;
    const feed = source.fastStart({ ssrc: this.ssrc, target: { ip: this.transport.tuple.localIp, port: this.transport.tuple.localPort } });
    if (!feed) return this.finish('no-gop');
    this.stopFeed = () => feed.close();
    feed.once('ended', (reason) => this.finish(reason));
    feed.once('started', (info) => log.debug(`${source.key}: fast start of ${info.frames} frames (${info.packets} packets, keyframe ${info.gopAgeMs} ms old)`));
  }

  private finish(reason: FastStartReason): void {
    if (this.ended) return;
    this.ended = true;
    this.safeEmit('ended', reason);
    this.graceTimer = setTimeout(() => this.close(), SWITCH_GRACE_MS);
    this.graceTimer.unref();
  }

  /** Idempotent: the shard stops, the transport closes (its producer and the watch's consumer of it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.graceTimer);
    this.stopFeed?.();
    this.transport.close();
    if (!this.ended) {
      this.ended = true;
      this.safeEmit('ended', 'closed');
    }
    this.removeAllListeners();
  }
}
