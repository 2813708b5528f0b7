// While the site is up, a page on this workstation talks to the site itself: its socket is paired
// with one to the site (opened with the site token) and frames pass through unchanged, so calls,
// walls and camera media work exactly as on the site (media flows between the page and the site's
// SFU directly; only signalling passes here). Two things are looked at on the way: a login the site
// grants is remembered, so the page can resume on this workstation if the site goes; and a site
// that cannot be reached is reported at once instead of at the link's next ping.
import WebSocket from 'ws';
import type { EventData } from '../../../../common/protocol/events.js';
import { MAX_MESSAGE_BYTES } from '../../../../common/protocol/envelope.js';
import { describeConnectError, type ClientTls } from '../tls-options.js';

export interface RelayHooks {
  onSiteLogin(token: string, username: string, expiresAt: number): void;
  onUnreachable(reason: string): void;
}

/** 1012 (service restart): the page reconnects, and this workstation serves it in whatever mode it is then in. */
const SITE_GONE = { code: 1012, reason: 'site server connection lost' } as const;

const MAX_QUEUED_FRAMES = 64;

export class ConsoleRelay {
  private readonly upstream: WebSocket;
  private readonly queued: string[] = [];
  private readonly loginRequests = new Set<number>();
  private closed = false;

  constructor(
    private readonly page: WebSocket,
    siteWsUrl: string,
    /** TLS settings, and the headers by which this workstation vouches for the page's address. */
    upstream: ClientTls & { headers: Record<string, string> },
    status: EventData<'site.status'>,
    private readonly hooks: RelayHooks,
  ) {
    page.send(JSON.stringify({ event: 'site.status', data: status }));
    this.upstream = new WebSocket(siteWsUrl, { maxPayload: MAX_MESSAGE_BYTES, handshakeTimeout: 5_000, ...upstream });
    this.upstream.on('open', () => {
      for (const frame of this.queued.splice(0)) this.upstream.send(frame);
    });
    this.upstream.on('message', (data, isBinary) => {
      if (isBinary || this.page.readyState !== WebSocket.OPEN) return;
      const text = data.toString();
      if (this.loginRequests.size > 0) this.noticeLogin(text);
      this.page.send(text);
    });
    this.upstream.on('unexpected-response', (_req, res) => this.fail(`the site refused the relay (HTTP ${res.statusCode})`));
    this.upstream.on('error', (error) => this.fail(describeConnectError(error)));
    this.upstream.on('close', () => this.close(SITE_GONE));
    page.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      this.noticeLoginRequest(text);
      if (this.upstream.readyState === WebSocket.OPEN) this.upstream.send(text);
      else if (this.queued.push(text) > MAX_QUEUED_FRAMES) this.close({ code: 1013, reason: 'site server too slow to answer' });
    });
    page.on('close', () => this.close(SITE_GONE));
    page.on('error', () => this.close(SITE_GONE));
  }

  close(why: { code: number; reason: string }): void {
    if (this.closed) return;
    this.closed = true;
    if (this.page.readyState === WebSocket.OPEN) this.page.close(why.code, why.reason);
    this.upstream.removeAllListeners();
    this.upstream.on('error', () => undefined);
    if (this.upstream.readyState === WebSocket.OPEN) this.upstream.close(1000);
    else this.upstream.terminate();
  }

  private fail(reason: string): void {
    if (this.closed) return;
    this.hooks.onUnreachable(reason);
    this.close(SITE_GONE);
  }

  private noticeLoginRequest(text: string): void {
    if (!text.includes('"session.login"')) return;
    try {
      const frame = JSON.parse(text) as { id?: unknown; method?: unknown };
      if (frame.method === 'session.login' && typeof frame.id === 'number') this.loginRequests.add(frame.id);
    } catch {
      // Not JSON: the site answers that itself.
    }
  }

  private noticeLogin(text: string): void {
    try {
      const frame = JSON.parse(text) as { id?: unknown; ok?: unknown; result?: { token?: unknown; expiresAt?: unknown; user?: { username?: unknown } } };
      if (typeof frame.id !== 'number' || !this.loginRequests.delete(frame.id) || frame.ok !== true) return;
      const { token, expiresAt, user } = frame.result ?? {};
      if (typeof token === 'string' && typeof expiresAt === 'number' && typeof user?.username === 'string') {
        this.hooks.onSiteLogin(token, user.username, expiresAt);
      }
    } catch {
      // The page's own client rejects a bad frame; nothing to remember here.
    }
  }
}
