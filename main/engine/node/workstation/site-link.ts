// A workstation engine's own line to its site server: a WebSocket authenticated by the
// workstation's key (requests such as sync.deliver, and alert/box events that keep the cache
// current) plus the snapshot over HTTP. It says plainly whether the site is reachable: up means
// the socket is open, answers pings, and a snapshot came through; anything else is down. With an
// https:// site every connection is TLS, verified against the default roots plus the workstation's
// own CA; a certificate that does not verify is the site being unreachable, never a fallback.
import WebSocket from 'ws';
import { Alert, CallBoxSummary } from '../../../../common/domain/alert.js';
import { Backoff } from '../../../../common/backoff.js';
import { JharokhaError } from '../../../../common/errors.js';
import { createLogger } from '../../../../common/logger.js';
import { EventFrame, MAX_MESSAGE_BYTES, ResponseFrame } from '../../../../common/protocol/envelope.js';
import { methods, type MethodName, type MethodParams, type MethodResult } from '../../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import { SiteSnapshot, SYNC_SNAPSHOT_PATH } from '../sync/site-snapshot.js';
import { clientTls, describeConnectError, type ClientTls } from '../tls-options.js';
import { getSiteJson } from './site-request.js';
import type { UpstreamOptions } from './upstream-options.js';

const log = createLogger('site-link');

export type SiteLinkEvents = {
  /**
   * The site answered: its snapshot (first on every connect, then every pollMs), with this
   * machine's time when it was asked for (the site's clock may differ from ours).
   */
  snapshot: [snapshot: SiteSnapshot, askedAt: number];
  up: [];
  down: [reason: string];
  alert: [alert: Alert];
  box: [box: CallBoxSummary];
};

export interface SiteLinkTiming {
  /** How often the snapshot is fetched again while up (default 30 s). */
  pollMs?: number;
  /** Ping interval; the site is down after two unanswered pings (default 2 s). */
  pingMs?: number;
  requestTimeoutMs?: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class SiteLink extends TypedEmitter<SiteLinkEvents> {
  private socket: WebSocket | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private isUp = false;
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private readonly backoff = new Backoff({ initialMs: 500, maxMs: 5_000 });
  private readonly timing: Required<SiteLinkTiming>;
  private readonly tls: ClientTls;
  private failure: string | undefined;

  constructor(
    private readonly upstream: UpstreamOptions,
    timing: SiteLinkTiming = {},
  ) {
    super();
    this.timing = { pollMs: 30_000, pingMs: 2_000, requestTimeoutMs: 10_000, ...timing };
    this.tls = clientTls(upstream.ca);
  }

  get up(): boolean {
    return this.isUp;
  }

  /** Why the site is unreachable now (undefined while up, or before the first try ended). */
  get downReason(): string | undefined {
    return this.isUp ? undefined : this.failure;
  }

  start(): void {
    if (!this.closed && !this.socket && !this.retryTimer) this.connect();
  }

  /** Something else (a console relay) could not reach the site: check now rather than at the next ping. */
  reportTrouble(reason: string): void {
    if (this.socket && this.isUp) this.drop(`site unreachable from a console relay: ${reason}`);
  }

  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    const socket = this.socket;
    if (!socket || !this.isUp) return Promise.reject(new JharokhaError('Unavailable', `${method}: the site server is unreachable`));
    const id = this.nextId++;
    const schema = methods[method].result;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new JharokhaError('Unavailable', `${method}: no answer from the site within ${this.timing.requestTimeoutMs / 1000} s`));
      }, this.timing.requestTimeoutMs);
      this.pending.set(id, { resolve: (value) => resolve(schema.parse(value) as MethodResult<M>), reject, timer });
      socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Fetches the snapshot again now (after the outbox went through, so the cache shows its result). */
  async refresh(): Promise<void> {
    const askedAt = Date.now();
    const snapshot = await this.fetchSnapshot();
    this.safeEmit('snapshot', snapshot, askedAt);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.stopTimers();
    this.socket?.terminate();
    this.socket = undefined;
    this.rejectPending('the workstation engine is shutting down');
  }

  private connect(): void {
    this.retryTimer = undefined;
    const socket = new WebSocket(this.wsUrl(), { maxPayload: MAX_MESSAGE_BYTES, handshakeTimeout: 5_000, ...this.tls });
    this.socket = socket;
    let alive = true;
    socket.on('open', () => {
      this.pingTimer = setInterval(() => {
        if (!alive) return this.drop('the site stopped answering pings');
        alive = false;
        socket.ping();
      }, this.timing.pingMs);
      void this.onOpen(socket);
    });
    socket.on('pong', () => (alive = true));
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onFrame(data.toString());
    });
    socket.on('unexpected-response', (_req, res) => this.drop(`the site refused this workstation (HTTP ${res.statusCode}): check its id and key`));
    socket.on('error', (error) => this.drop(describeConnectError(error)));
    socket.on('close', () => this.drop('connection closed'));
  }

  private async onOpen(socket: WebSocket): Promise<void> {
    try {
      const askedAt = Date.now();
      const snapshot = await this.fetchSnapshot();
      if (this.socket !== socket) return;
      this.safeEmit('snapshot', snapshot, askedAt);
      this.backoff.reset();
      this.isUp = true;
      this.failure = undefined;
      log.info(`site server ${this.upstream.siteUrl} reachable`);
      this.safeEmit('up');
      this.pollTimer = setInterval(() => {
        this.refresh().catch((error: unknown) => this.drop(`snapshot failed: ${String(error)}`));
      }, this.timing.pollMs);
    } catch (error) {
      if (this.socket === socket) this.drop(`snapshot failed: ${describeConnectError(error)}`);
    }
  }

  private drop(reason: string): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = undefined;
    this.stopTimers();
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    socket.terminate();
    this.rejectPending(`the site server is unreachable: ${reason}`);
    // Said once per reason, not at every retry: a site refusing our certificate check every 5 s
    // would otherwise bury the log (and at start, before the site was ever up, nothing said why).
    const news = reason !== this.failure;
    this.failure = reason;
    if (this.isUp) {
      this.isUp = false;
      log.warn(`site server unreachable: ${reason}`);
      this.safeEmit('down', reason);
    } else if (news) {
      log.warn(`site server ${this.upstream.siteUrl} unreachable: ${reason}`);
    }
    if (!this.closed) this.retryTimer = setTimeout(() => this.connect(), this.backoff.next());
  }

  private onFrame(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return log.warn('the site sent a frame that is not JSON');
    }
    const response = ResponseFrame.safeParse(json);
    if (response.success) {
      const pending = this.pending.get(response.data.id);
      if (!pending) return;
      this.pending.delete(response.data.id);
      clearTimeout(pending.timer);
      if (response.data.ok) {
        try {
          pending.resolve(response.data.result);
        } catch (error) {
          pending.reject(new JharokhaError('Internal', `the site's answer did not parse: ${String(error)}`));
        }
      } else {
        pending.reject(new JharokhaError(response.data.error.code, response.data.error.message));
      }
      return;
    }
    const event = EventFrame.safeParse(json);
    if (!event.success) return;
    if (event.data.event === 'alert.changed') {
      const alert = Alert.safeParse(event.data.data);
      if (alert.success) this.safeEmit('alert', alert.data);
    } else if (event.data.event === 'box.changed') {
      const box = CallBoxSummary.safeParse(event.data.data);
      if (box.success) this.safeEmit('box', box.data);
    }
  }

  private async fetchSnapshot(): Promise<SiteSnapshot> {
    const body = await getSiteJson(new URL(SYNC_SNAPSHOT_PATH, this.upstream.siteUrl), {
      headers: { Authorization: `Workstation ${this.upstream.workstationId}:${this.upstream.key}` },
      tls: this.tls,
      timeoutMs: this.timing.requestTimeoutMs,
    });
    return SiteSnapshot.parse(body);
  }

  private wsUrl(): string {
    const url = new URL('/ws', this.upstream.siteUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('workstation', this.upstream.workstationId);
    url.searchParams.set('key', this.upstream.key);
    return url.toString();
  }

  private stopTimers(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.pollTimer);
    this.pingTimer = undefined;
    this.pollTimer = undefined;
  }

  private rejectPending(message: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(new JharokhaError('Unavailable', message));
    }
  }
}
