// One tile's watch of one camera stream: the engine-side watch, the client-side consumer and what
// is known of the stream (watch-status.ts). It survives engine reconnects (the session restarts it)
// and ends with stop(). Joining a camera already forwarded, it first shows the engine's fast start
// (the current GOP replayed to the live edge) and switches to the shared consumer once that has
// decoded the keyframe it starts on: the tile sees one track replace another, with no black.
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
/** After the fast start ends, how long to wait for the shared consumer's first frame before switching anyway. */
const SWITCH_WAIT_MS = 2_000;
const SWITCH_POLL_MS = 40;

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
  private latest: WatchStatus = { fact: null, visible: true, catchingUp: false };
  private watchId: string | null = null;
  private consumer: ms.Consumer | null = null;
  /** The fast start's consumer, shown until the shared one has a frame. */
  private fast: ms.Consumer | null = null;
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
    const shown = this.shown;
    return shown && !shown.closed ? shown.track : null;
  }

  /** The consumer whose picture the tile shows. */
  private get shown(): ms.Consumer | null {
    return this.fast ?? this.consumer;
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
    const consumer = this.shown;
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
      // The engine ends a hidden watch's fast start; shown again, it starts at a keyframe.
      this.dropFast();
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
    // Both consumers exist before watch.resume: the fast start's GOP follows the resume at once.
    const fast = data.fastStart
      ? await consumeAnnounced(media.transport, { ...data.fastStart, kind: 'video' }, () => run === this.run, (message) => log.debug(`no fast start for ${this.cameraId}`, message))
      : null;
    if (run !== this.run) {
      consumer.close();
      fast?.close();
      return;
    }
    this.dropConsumer();
    this.consumer = consumer;
    this.fast = fast;
    this.forwarding = false;
    if (fast) this.setStatus({ ...this.latest, catchingUp: true });
    consumer.on('trackended', () => log.debug(`track ended for ${this.cameraId}`));
    if (!this.latest.visible) consumer.pause();
    this.emitter.safeEmit('track', this.track);
    // Resume only now that the track is attached, so the first forwarded keyframe is not lost.
    if (this.latest.visible) this.startForwarding();
  }

  /** The fast start sent its last packet: show the shared consumer once it has decoded a frame. */
  async onFastStartEnded(data: EventData<'watch.fastStartEnded'>): Promise<void> {
    const { fast, consumer } = this;
    if (!fast || !consumer) return;
    const run = this.run;
    // Only 'keyframe' means the shared consumer got a keyframe just now; otherwise it waits for the next.
    if (data.reason === 'keyframe') await this.firstFrameOf(consumer, run);
    if (run !== this.run || this.fast !== fast) return;
    this.dropFast();
  }

  /** Resolves when the consumer has decoded a frame, or after SWITCH_WAIT_MS. */
  private async firstFrameOf(consumer: ms.Consumer, run: number): Promise<void> {
    const until = Date.now() + SWITCH_WAIT_MS;
    while (Date.now() < until && run === this.run && !consumer.closed) {
      try {
        for (const stat of (await consumer.getStats()).values()) if (stat.type === 'inbound-rtp' && (stat.framesDecoded ?? 0) > 0) return;
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, SWITCH_POLL_MS));
    }
  }

  /** The shared consumer's track replaces the fast start's (the tile holds the last picture meanwhile). */
  private dropFast(): void {
    const fast = this.fast;
    if (!fast) return;
    this.fast = null;
    this.emitter.safeEmit('track', this.track);
    if (!fast.closed) fast.close();
    this.setStatus({ ...this.latest, catchingUp: false });
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
    const { consumer, fast } = this;
    this.consumer = null;
    this.fast = null;
    this.forwarding = false;
    if (this.latest.catchingUp) this.setStatus({ ...this.latest, catchingUp: false });
    if (!consumer && !fast) return;
    // Told before the close, while the track still shows its last frame (see use-tile-video.ts).
    this.emitter.safeEmit('track', null);
    if (fast && !fast.closed) fast.close();
    if (consumer && !consumer.closed) consumer.close();
  }

  private report(fact: WatchFact): void {
    this.setStatus({ ...this.latest, fact });
  }

  private setStatus(status: WatchStatus): void {
    this.latest = status;
    this.emitter.safeEmit('change');
  }
}
