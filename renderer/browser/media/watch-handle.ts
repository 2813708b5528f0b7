// One tile's watch of one camera stream: the engine-side watch, the client-side consumer and what
// is known of the stream (watch-status.ts). It survives engine reconnects (the session restarts it)
// and ends with stop().
import type { types as ms } from 'mediasoup-client';
import type { StreamKind } from '../../../common/domain/camera.js';
import { JharokhaError, type ErrorCode } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import type { EventData } from '../../../common/protocol/events.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import type { EngineLink } from '../engine-client.js';
import type { WatchFact, WatchStatus } from './watch-status.js';
import { consumeAnnounced, toWireObject } from './wire-object.js';

const log = createLogger('watch');

/** A failed watch.start that may succeed later is retried after this long. */
export const START_RETRY_MS = 5_000;

/**
 * A camera that was unreachable or refused its credentials may come back, and timeouts pass; a
 * request the engine says is wrong will stay wrong, so the tile just says why.
 */
function isWorthRetrying(code: ErrorCode | null): boolean {
  return !(code === 'BadRequest' || code === 'NotFound' || code === 'Unsupported' || code === 'Forbidden' || code === 'Unauthorized');
}

/** What a handle needs from its session; the session implements it. */
export interface WatchContext {
  readonly link: EngineLink;
  /** The current receive transport and device, or null while (re)connecting. */
  media(): { transport: ms.Transport; rtpCapabilities: ms.RtpCapabilities } | null;
  register(watchId: string, handle: WatchHandle): void;
  unregister(watchId: string): void;
  forget(handle: WatchHandle): void;
}

type WatchHandleEvents = {
  change: [];
  track: [track: MediaStreamTrack | null];
};

let nextKey = 1;

export class WatchHandle {
  /** Unique per handle: React keys and logs. */
  readonly key = `w${nextKey++}`;
  private readonly emitter = new TypedEmitter<WatchHandleEvents>();
  private latest: WatchStatus = { fact: null, visible: true };
  private watchId: string | null = null;
  private consumer: ms.Consumer | null = null;
  /** Whether the engine was told watch.resume since the consumer was made (so pause makes sense). */
  private forwarding = false;
  private stopped = false;
  /** Bumped on each (re)start and on stop: answers for an older run are dropped. */
  private run = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** watch.pause/resume go out in order: a late resume must not overtake a pause. */
  private flowQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: WatchContext,
    readonly cameraId: string,
    readonly stream: StreamKind,
  ) {}

  /** A new object whenever it changes (for useSyncExternalStore). */
  get status(): WatchStatus {
    return this.latest;
  }

  get track(): MediaStreamTrack | null {
    return this.consumer && !this.consumer.closed ? this.consumer.track : null;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  subscribe(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  onTrack(listener: (track: MediaStreamTrack | null) => void): () => void {
    this.emitter.on('track', listener);
    return () => this.emitter.off('track', listener);
  }

  /** The current consumer's stats, tagged with its id (a camera restart may bring a new one). */
  async getStats(): Promise<{ consumerId: string; report: RTCStatsReport } | null> {
    const consumer = this.consumer;
    if (!consumer || consumer.closed) return null;
    try {
      return { consumerId: consumer.id, report: await consumer.getStats() };
    } catch {
      return null;
    }
  }

  /** The grid's visibility policy: hidden tiles stop being forwarded, visible ones resume. */
  setVisible(visible: boolean): void {
    if (this.stopped || this.latest.visible === visible) return;
    this.setStatus({ ...this.latest, visible });
    if (visible) {
      this.consumer?.resume();
      this.startForwarding();
    } else {
      this.consumer?.pause();
      this.stopForwarding();
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.run++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const watchId = this.watchId;
    this.watchId = null;
    if (watchId) {
      this.context.unregister(watchId);
      if (this.context.link.connected) {
        this.context.link.request('watch.stop', { watchId }).catch((error) => log.debug(`watch.stop ${watchId}`, error));
      }
    }
    this.dropConsumer();
    this.context.forget(this);
    this.emitter.removeAllListeners();
  }

  // ---- called by the session ----

  /** Starts (or restarts after a reconnect) the engine-side watch on the current transport. */
  async begin(): Promise<void> {
    if (this.stopped) return;
    const media = this.context.media();
    if (!media) return;
    const run = ++this.run;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    try {
      const { watchId } = await this.context.link.request('watch.start', {
        transportId: media.transport.id,
        cameraId: this.cameraId,
        stream: this.stream,
        rtpCapabilities: toWireObject(media.rtpCapabilities),
      });
      if (run !== this.run) {
        // Stopped or restarted while the engine was answering: end the orphan.
        this.context.link.request('watch.stop', { watchId }).catch(() => undefined);
        return;
      }
      this.watchId = watchId;
      this.context.register(watchId, this);
    } catch (error) {
      if (run !== this.run) return;
      const code = error instanceof JharokhaError ? error.code : null;
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`watch.start ${this.cameraId}/${this.stream} failed`, message);
      this.report({ type: 'start-failed', code, message });
      if (isWorthRetrying(code)) {
        this.retryTimer = setTimeout(() => void this.begin(), START_RETRY_MS);
      }
    }
  }

  /** The engine connection or the transport went away: everything engine-side is gone. */
  engineLost(reason: string): void {
    if (this.stopped) return;
    this.run++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.watchId = null;
    this.dropConsumer();
    // Every failed reconnect attempt tells the loss again: said once, so the tiles do not re-render.
    const last = this.latest.fact;
    if (last?.type === 'engine-lost' && last.reason === reason) return;
    this.report({ type: 'engine-lost', reason });
  }

  onState(data: EventData<'watch.state'>): void {
    this.report({ type: 'engine-state', state: data.state, detail: data.detail });
  }

  async onConsumer(data: EventData<'watch.consumer'>): Promise<void> {
    const media = this.context.media();
    const watchId = this.watchId;
    if (!media || !watchId) return;
    if (data.kind !== 'video') {
      // Walls and operator tiles are silent; the server-side consumer stays paused.
      log.debug(`ignoring ${data.kind} consumer for ${this.cameraId}`);
      return;
    }
    const run = this.run;
    const consumer = await consumeAnnounced(media.transport, data, () => run === this.run, (message) => {
      if (run !== this.run) return;
      log.warn(`cannot consume ${this.cameraId}`, message);
      this.report({ type: 'consume-failed', message: `this browser cannot play the stream (${message})` });
    });
    if (!consumer) return;
    this.dropConsumer();
    this.consumer = consumer;
    this.forwarding = false;
    consumer.on('trackended', () => log.debug(`track ended for ${this.cameraId}`));
    if (!this.latest.visible) consumer.pause();
    this.emitter.safeEmit('track', consumer.track);
    // Resume only now that the track is attached, so the first forwarded keyframe is not lost.
    if (this.latest.visible) this.startForwarding();
  }

  onClosed(data: EventData<'watch.closed'>): void {
    const watchId = this.watchId;
    if (watchId) this.context.unregister(watchId);
    this.watchId = null;
    this.run++;
    this.dropConsumer();
    this.report({ type: 'closed', reason: data.reason });
  }

  // ---- internals ----

  private startForwarding(): void {
    const watchId = this.watchId;
    if (!watchId || !this.consumer || this.forwarding) return;
    this.forwarding = true;
    this.enqueueFlow('watch.resume', watchId);
  }

  private stopForwarding(): void {
    const watchId = this.watchId;
    if (!watchId || !this.forwarding) return;
    this.forwarding = false;
    this.enqueueFlow('watch.pause', watchId);
  }

  private enqueueFlow(method: 'watch.pause' | 'watch.resume', watchId: string): void {
    this.flowQueue = this.flowQueue
      .then(() => this.context.link.request(method, { watchId }))
      .then(
        () => undefined,
        (error: unknown) => log.warn(`${method} ${this.cameraId} failed`, error instanceof Error ? error.message : error),
      );
  }

  private dropConsumer(): void {
    const consumer = this.consumer;
    this.consumer = null;
    this.forwarding = false;
    if (!consumer) return;
    // Told before the close, while the track still shows its last frame (see use-tile-video.ts).
    this.emitter.safeEmit('track', null);
    if (!consumer.closed) consumer.close();
  }

  private report(fact: WatchFact): void {
    this.setStatus({ ...this.latest, fact });
  }

  private setStatus(status: WatchStatus): void {
    this.latest = status;
    this.emitter.safeEmit('change');
  }
}
