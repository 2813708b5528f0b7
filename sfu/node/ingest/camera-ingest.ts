// One camera stream's pull: connect, watch for silence, reconnect with backoff, and hand on RTP
// rewritten so the downstream producer can outlive every reconnect. Independent of mediasoup.
// Everything is caught here: one bad camera must never disturb the other 4,999.
import type { StreamState } from '../../../common/domain/camera.js';
import { JharokhaError } from '../../../common/errors.js';
import { createLogger } from '../../../common/logger.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import { RtspClient } from '../rtsp/client.js';
import { failureOf, type FailureState } from '../rtsp/errors.js';
import { withoutCredentials } from '../rtsp/url.js';
import { Backoff } from '../../../common/backoff.js';
import { RtpRewriter, type RewriterStats } from './rtp-rewriter.js';

const log = createLogger('camera-ingest');

export interface CameraIngestOptions {
  url: string;
  username?: string;
  password?: string;
  allowBasicAuth?: boolean;
  transport: 'tcp' | 'udp';
  /** Silence after which a connected stream is stalled; twice this and it is reconnected. */
  stallTimeoutMs?: number;
  /** resetAfterMs: how long a stream must stay live before the backoff starts again from initialMs. */
  backoff?: { initialMs?: number; maxMs?: number; resetAfterMs?: number };
  /** Largest RTP payload sent on; bigger H.264 payloads are split into FU-A. */
  maxPayloadSize?: number;
  /** Output SSRC and payload type, fixed for the ingest's life. */
  ssrc: number;
  payloadType: number;
  /** Continue an earlier ingest's numbering (one in a shard that died), so its producer lives on. */
  continueFrom?: { seq: number; ts: number; atMs: number };
  requestTimeoutMs?: number;
  localAddress?: string;
}

export type CameraIngestEvents = {
  state: [state: StreamState, detail?: string];
  rtp: [packet: Buffer];
  close: [];
};

export interface CameraIngestStats extends RewriterStats {
  connects: number;
  failures: number;
}

export class CameraIngest extends TypedEmitter<CameraIngestEvents> {
  private currentState: StreamState = 'connecting';
  private currentDetail: string | undefined;
  private started = false;
  private closed = false;
  /** Bumped on every attempt and on close, so callbacks from an old attempt are ignored. */
  private generation = 0;
  private client: RtspClient | undefined;
  private abort: AbortController | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private lastPacketAt = 0;
  private liveSince: number | undefined;
  private everLive = false;
  private connects = 0;
  private failures = 0;
  private rewriteErrors = 0;
  private readonly backoff: Backoff;
  private readonly rewriter: RtpRewriter;
  private readonly stallTimeoutMs: number;
  private readonly resetAfterMs: number;
  private readonly logUrl: string;

  /** No I/O until start(). Throws BadRequest for an SSRC or payload type RTP cannot carry. */
  static create(options: CameraIngestOptions): CameraIngest {
    if (!Number.isInteger(options.ssrc) || options.ssrc < 0 || options.ssrc > 0xffffffff) {
      throw new JharokhaError('BadRequest', 'ssrc must be a 32-bit unsigned integer');
    }
    if (!Number.isInteger(options.payloadType) || options.payloadType < 0 || options.payloadType > 127) {
      throw new JharokhaError('BadRequest', 'payloadType must be 0-127');
    }
    return new CameraIngest(options);
  }

  private constructor(private readonly options: CameraIngestOptions) {
    super();
    this.stallTimeoutMs = Math.max(50, options.stallTimeoutMs ?? 2000);
    this.backoff = new Backoff({ initialMs: options.backoff?.initialMs ?? 1000, maxMs: options.backoff?.maxMs ?? 30_000 });
    this.resetAfterMs = options.backoff?.resetAfterMs ?? 10_000;
    const maxPayload = Math.max(200, Math.min(options.maxPayloadSize ?? 1200, 65_000));
    this.rewriter = new RtpRewriter({ ssrc: options.ssrc, payloadType: options.payloadType, maxPayload, continueFrom: options.continueFrom });
    this.logUrl = withoutCredentials(options.url);
  }

  get state(): StreamState {
    return this.currentState;
  }

  get detail(): string | undefined {
    return this.currentDetail;
  }

  /** From the camera's SPS (SDP or in-band), else its SDP fmtp; undefined until first connected. */
  get profileLevelId(): string | undefined {
    return this.rewriter.profileLevelId ?? this.client?.track.profileLevelId;
  }

  get stats(): CameraIngestStats {
    return { ...this.rewriter.stats, connects: this.connects, failures: this.failures };
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.safeEmit('state', this.currentState, this.currentDetail);
    this.connect();
  }

  /** Idempotent: stops every timer, tears the session down, emits close once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.stopStallWatch();
    this.abort?.abort();
    this.client?.close();
    this.client = undefined;
    this.safeEmit('close');
    this.removeAllListeners();
  }

  private connect(): void {
    const generation = ++this.generation;
    this.abort = new AbortController();
    RtspClient.connect({
      url: this.options.url,
      username: this.options.username,
      password: this.options.password,
      allowBasicAuth: this.options.allowBasicAuth,
      transport: this.options.transport,
      requestTimeoutMs: this.options.requestTimeoutMs,
      localAddress: this.options.localAddress,
      signal: this.abort.signal,
    }).then(
      (client) => {
        if (generation !== this.generation) return client.close();
        this.onConnected(client);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        const failure = failureOf(error);
        this.retry(failure.state, failure.detail);
      },
    ).catch((error: unknown) => log.error(`${this.logUrl}: ingest failed internally`, error));
  }

  private onConnected(client: RtspClient): void {
    this.client = client;
    this.connects++;
    this.liveSince = undefined;
    this.lastPacketAt = Date.now();
    const { track } = client;
    this.rewriter.beginSession({ payloadType: track.payloadType, clockRate: track.clockRate, sps: track.sps, pps: track.pps });
    log.debug(`${this.logUrl}: connected, ${track.encodingName} pt ${track.payloadType}`);
    client.on('rtp', (packet) => this.onPacket(client, packet));
    client.on('close', (error) => {
      if (this.client !== client) return;
      this.dropSession();
      const failure = error ? failureOf(error) : { state: 'unreachable' as const, detail: 'connection closed' };
      this.retry(failure.state, failure.detail);
    });
    const checkEvery = Math.max(50, Math.min(500, this.stallTimeoutMs / 4));
    this.stallTimer = setInterval(() => this.checkStall(), checkEvery);
    // Last: a listener may close the ingest from inside the state event.
    if (this.everLive) this.setState('stalled', 'reconnected, waiting for video');
    else this.setState('connecting', undefined);
  }

  private onPacket(client: RtspClient, packet: Buffer): void {
    if (this.client !== client) return;
    const now = Date.now();
    this.lastPacketAt = now;
    let out: Buffer[];
    try {
      out = this.rewriter.push(packet, now);
    } catch (error) {
      // A packet we cannot handle is dropped; it must not take the stream (or the process) down.
      if (++this.rewriteErrors === 1 || this.rewriteErrors % 1000 === 0) log.error(`${this.logUrl}: packet rewrite failed`, error);
      return;
    }
    if (out.length === 0) return;
    if (this.liveSince === undefined) {
      this.liveSince = now;
      this.everLive = true;
    }
    if (this.currentState !== 'live') this.setState('live', undefined);
    for (const rtp of out) this.safeEmit('rtp', rtp);
  }

  private checkStall(): void {
    const silentMs = Date.now() - this.lastPacketAt;
    if (silentMs < this.stallTimeoutMs) return;
    const why = this.liveSince === undefined ? 'connected but no video' : `no video for ${seconds(silentMs)}`;
    // Give a frozen camera a moment to recover on the same session before paying for a reconnect.
    if (silentMs < 2 * this.stallTimeoutMs) {
      if (this.currentState !== 'stalled') this.setState('stalled', why);
      return;
    }
    this.dropSession();
    this.retry('unreachable', why);
  }

  private dropSession(): void {
    this.stopStallWatch();
    const client = this.client;
    this.client = undefined;
    client?.close();
  }

  /** Shows the failure and schedules the next attempt. */
  private retry(failure: FailureState, detail: string): void {
    if (this.closed) return;
    this.failures++;
    if (this.liveSince !== undefined && Date.now() - this.liveSince >= this.resetAfterMs) this.backoff.reset();
    this.liveSince = undefined;
    // An installer may fix an unsupported camera's settings, but not within seconds.
    const delay = failure === 'unsupported' ? this.backoff.max() : this.backoff.next();
    // After video has been seen, a transient failure is a stall to the operator; configuration
    // problems (wrong password, H.265) keep their own state so someone knows to act.
    log.debug(`${this.logUrl}: ${detail}; retrying in ${delay} ms`);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed) this.connect();
    }, delay);
    // Last: a listener may close the ingest from inside the state event (close clears the timer).
    if (this.everLive && failure === 'unreachable') this.setState('stalled', `reconnecting in ${seconds(delay)}: ${detail}`);
    else this.setState(failure, detail);
  }

  private stopStallWatch(): void {
    clearInterval(this.stallTimer);
    this.stallTimer = undefined;
  }

  private setState(state: StreamState, detail: string | undefined): void {
    if (state === this.currentState && detail === this.currentDetail) return;
    this.currentState = state;
    this.currentDetail = detail;
    this.safeEmit('state', state, detail);
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
