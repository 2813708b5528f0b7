// The engine's side of one camera stream pulled in an ingest shard. The feed's wishes (target,
// held or forwarding) live here, not in the shard: every message about it to a live shard says
// what changed, and a shard that starts again is told the whole of it in one open.
import type { StreamState } from '../../../common/domain/camera.js';
import { JharokhaError } from '../../../common/errors.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { FastStart, type FastStartEnd, type FastStartSpec } from './fast-start.js';
import type { FastStartEndReason, FastStartInfo, FeedReport, OpenFeed, Position, Target, ToShard } from './shard-protocol.js';

/** What the shard needs to pull a camera stream (a CameraEndpoint is one). */
export interface FeedEndpoint {
  url: string;
  username?: string;
  password?: string;
  allowBasicAuth?: boolean;
  transport: 'tcp' | 'udp';
}

export interface FeedSpec {
  endpoint: FeedEndpoint;
  ssrc: number;
  payloadType: number;
  target: Target;
}

export type FeedEvents = {
  state: [state: StreamState, detail: string | undefined];
  /** The ingest's profile, once its first packet is out (again after each re-open). */
  track: [profileLevelId: string | undefined];
  /** Its shard died: the feed is re-opening on the restarted shard, held and with no target. */
  lost: [reason: string];
};

/** The shard side of a feed: where its messages go. */
export interface FeedHost {
  readonly index: number;
  send(message: ToShard): void;
  forget(feed: Feed): void;
}

// A restarted shard's ingest continues the sequence numbers past what the dead one may have sent
// since its last report: twice the packets its rate gives, under the 3,000 a receiver takes for a
// gap (a bigger jump reads as a new stream, and its first packet is dropped).
const MAX_SEQ_SKIP = 2900;

export class Feed extends TypedEmitter<FeedEvents> {
  state: StreamState = 'connecting';
  detail: string | undefined;
  profileLevelId: string | undefined;
  private closed = false;
  private forwarding = false;
  private target: Target | undefined;
  private sourcePort: number | undefined;
  private position: { at: FeedReport; packetsPerS: number } | undefined;
  private lostAt: number | undefined;
  private readonly fastStarts = new Map<number, FastStart>();
  private nextFastStart = 1;
  /** Bytes of the feed's GOP cache at its shard's last report. */
  cacheBytes = 0;

  constructor(
    readonly id: number,
    readonly key: string,
    private readonly spec: FeedSpec,
    private readonly host: FeedHost,
  ) {
    super();
    this.target = spec.target;
  }

  /** The shard this feed lives on (for stats and tests). */
  get shard(): number {
    return this.host.index;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Stop sending live; the shard keeps the GOP from the next keyframe until startForwarding. */
  hold(): void {
    if (this.closed || !this.forwarding) return;
    this.forwarding = false;
    this.host.send({ type: 'hold', id: this.id });
  }

  /** Send the held GOP, then everything live. Idempotent. A new feed starts held. */
  startForwarding(): void {
    if (this.closed || this.forwarding) return;
    this.forwarding = true;
    this.host.send({ type: 'forward', id: this.id });
  }

  /** Send to another PlainTransport from now on. */
  retarget(target: Target): void {
    if (this.closed) return;
    this.target = { ip: target.ip, port: target.port };
    this.host.send({ type: 'retarget', id: this.id, target: this.target });
  }

  /**
   * A viewer's own stream, sent to `target` from the feed's GOP cache until the camera's next
   * keyframe. It always ends with `ended`, even when it cannot start (after the caller has had
   * the chance to listen).
   */
  fastStart(spec: FastStartSpec): FastStart {
    if (!Number.isInteger(spec.ssrc) || spec.ssrc < 0 || spec.ssrc > 0xffffffff) throw new JharokhaError('BadRequest', 'ssrc must be a 32-bit unsigned integer');
    const fastStart = new FastStart(this.nextFastStart++, (stopped) => {
      if (this.fastStarts.delete(stopped.id)) this.host.send({ type: 'fast-stop', id: this.id, fastStart: stopped.id });
    });
    const refusal: FastStartEnd | undefined = this.closed ? 'closed' : this.lostAt !== undefined ? 'lost' : undefined;
    if (refusal) {
      queueMicrotask(() => fastStart.onEnded(refusal));
      return fastStart;
    }
    this.fastStarts.set(fastStart.id, fastStart);
    this.host.send({ type: 'fast-start', id: this.id, fastStart: fastStart.id, ssrc: spec.ssrc, target: { ip: spec.target.ip, port: spec.target.port } });
    return fastStart;
  }

  /** Fast starts running (or asked for and not yet answered). */
  get fastStartCount(): number {
    return this.fastStarts.size;
  }

  /** Idempotent: the ingest TEARDOWNs and the shard forgets the camera; its fast starts end `closed`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.endFastStarts('closed');
    this.host.forget(this);
    this.removeAllListeners();
  }

  private endFastStarts(reason: FastStartEnd): void {
    const running = [...this.fastStarts.values()];
    this.fastStarts.clear();
    for (const fastStart of running) fastStart.onEnded(reason);
  }

  /** The whole feed for a shard that has not got it: a new one, or one restarted. */
  openMessage(): OpenFeed {
    const { endpoint, ssrc, payloadType } = this.spec;
    return {
      type: 'open',
      id: this.id,
      key: this.key,
      url: endpoint.url,
      username: endpoint.username,
      password: endpoint.password,
      allowBasicAuth: endpoint.allowBasicAuth,
      transport: endpoint.transport,
      ssrc,
      payloadType,
      target: this.target,
      forwarding: this.forwarding,
      sourcePort: this.sourcePort,
      continueFrom: this.continuation(),
    };
  }

  private continuation(): Position | undefined {
    if (!this.position || this.lostAt === undefined) return undefined;
    const { at, packetsPerS } = this.position;
    const unreported = (packetsPerS * Math.max(0, this.lostAt - at.atMs)) / 1000;
    const skip = Math.min(MAX_SEQ_SKIP, Math.ceil(2 * unreported) + 64);
    return { seq: (at.seq + skip) & 0xffff, ts: at.ts, atMs: at.atMs };
  }

  // What the shard reports, and what the shard set does when the shard dies.

  onState(state: StreamState, detail: string | undefined): void {
    this.state = state;
    this.detail = detail;
    this.safeEmit('state', state, detail);
  }

  onTrack(profileLevelId: string | undefined): void {
    this.profileLevelId = profileLevelId;
    this.safeEmit('track', profileLevelId);
  }

  onBound(port: number): void {
    this.sourcePort = port;
  }

  onReport(report: FeedReport): void {
    const before = this.position?.at;
    const packetsPerS =
      before && report.atMs > before.atMs ? ((report.packetsOut - before.packetsOut) * 1000) / (report.atMs - before.atMs) : (this.position?.packetsPerS ?? 0);
    this.position = { at: report, packetsPerS };
    this.cacheBytes = report.cacheBytes;
  }

  onFastStarted(id: number, info: FastStartInfo): void {
    this.fastStarts.get(id)?.onStarted(info);
  }

  onFastEnded(id: number, reason: FastStartEndReason): void {
    const fastStart = this.fastStarts.get(id);
    this.fastStarts.delete(id);
    fastStart?.onEnded(reason);
  }

  onLost(reason: string): void {
    if (this.closed) return;
    this.lostAt = Date.now();
    this.forwarding = false;
    this.target = undefined;
    this.cacheBytes = 0;
    // A restarted shard has no cache and no sockets for them: each viewer falls back to its keyframe.
    this.endFastStarts('lost');
    this.safeEmit('lost', reason);
  }

  /** Called once the restarted shard has it: a new ingest counts its packets from zero. */
  onReopened(): void {
    this.lostAt = undefined;
    if (this.position) this.position = { at: { ...this.position.at, packetsOut: 0 }, packetsPerS: this.position.packetsPerS };
  }
}
