// A workstation engine: the same engine as the site's, set to follow a site server. In "site" mode
// its pages are relayed to the site; in "local" mode (the site unreachable) it serves them itself,
// from its cache, pulling cameras directly with its own SFU and keeping operators' actions in the
// outbox. When the site comes back the outbox is delivered and the cache caught up before the pages
// are switched back, so what they see next already includes what was done offline.
import type { WebSocket } from 'ws';
import { createLogger } from '../../../../common/logger.js';
import { TypedEmitter } from '../../../../common/typed-emitter.js';
import { RELAY_HEADERS } from '../api/credentials.js';
import type { SitePort, SitePortEvents, SiteStatus } from '../api/site-port.js';
import type { UserRepo } from '../store/user-repo.js';
import { ConsoleRelay } from './console-relay.js';
import type { DeliveryLine, Outbox } from './outbox.js';
import type { SiteCache } from './site-cache.js';
import { clientTls, type ClientTls } from '../tls-options.js';
import { SiteLink, type SiteLinkTiming } from './site-link.js';
import { sentInTheClear, type UpstreamOptions } from './upstream-options.js';

const log = createLogger('workstation');

export interface WorkstationParts {
  cache: SiteCache;
  outbox: Outbox;
  users: UserRepo;
}

export class Workstation extends TypedEmitter<SitePortEvents> implements SitePort {
  private mode: SiteStatus['mode'] = 'local';
  private since = Date.now();
  private readonly relays = new Set<ConsoleRelay>();
  private readonly link: SiteLink;
  private readonly tls: ClientTls;

  constructor(
    private readonly upstream: UpstreamOptions,
    private readonly parts: WorkstationParts,
    timing?: SiteLinkTiming,
  ) {
    super();
    if (sentInTheClear(upstream)) {
      log.warn(
        `the site ${upstream.siteUrl} is reached over plain http: the site snapshot (camera credentials, password hashes), ` +
          'this workstation\'s key and operators\' logins cross the network in the clear. Serve the site with --tls-cert/--tls-key and use an https:// upstream.',
      );
    }
    this.tls = clientTls(upstream.ca);
    this.link = new SiteLink(upstream, timing);
    this.link.on('snapshot', (snapshot, askedAt) => {
      parts.cache.apply(snapshot, askedAt, parts.outbox.carriedLogins());
      // Actions a paused round left behind (the site answered Internal, say) go at the next poll.
      if (this.siteMode && parts.outbox.pendingCount() > 0) void this.deliver();
    });
    this.link.on('alert', (alert) => parts.cache.putAlert(alert));
    this.link.on('up', () => void this.catchUp());
    this.link.on('down', () => this.setMode('local'));
    this.link.start();
  }

  status(): SiteStatus {
    const syncedAt = this.parts.cache.syncedAt();
    return { mode: this.mode, since: this.since, pendingActions: this.parts.outbox.pendingCount(), ...(syncedAt !== undefined ? { syncedAt } : {}) };
  }

  get siteMode(): boolean {
    return this.mode === 'site';
  }

  /** Why the site is unreachable, while it is (a refused certificate says so here and in the log). */
  get siteDownReason(): string | undefined {
    return this.link.downReason;
  }

  /** The line the outbox is delivered over: this workstation's own socket to the site. */
  get deliveryLine(): DeliveryLine {
    return this.link;
  }

  statusChanged(): void {
    this.safeEmit('status', this.status());
  }

  /**
   * Pairs a page's socket with one to the site (only in site mode). The site counts failed logins
   * per address: this workstation vouches for the page's own address with its key (credentials.ts).
   */
  relay(page: WebSocket, pageAddress: string): void {
    const url = new URL('/ws', this.upstream.siteUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', this.upstream.siteToken);
    const headers = {
      [RELAY_HEADERS.workstation]: this.upstream.workstationId,
      [RELAY_HEADERS.key]: this.upstream.key,
      [RELAY_HEADERS.clientAddress]: pageAddress,
    };
    const relay = new ConsoleRelay(page, url.toString(), { ...this.tls, headers }, this.status(), {
      onSiteLogin: (token, username, expiresAt) => this.parts.users.rememberSiteLogin(token, username, expiresAt),
      onUnreachable: (reason) => this.link.reportTrouble(reason),
    });
    this.relays.add(relay);
    page.once('close', () => this.relays.delete(relay));
  }

  close(): void {
    this.link.close();
    for (const relay of this.relays) relay.close({ code: 1001, reason: 'workstation engine shutting down' });
    this.relays.clear();
  }

  /** The site is back: deliver the outbox, fetch the site's state after it, then switch pages over. */
  private async catchUp(): Promise<void> {
    try {
      if ((await this.deliver()) > 0) await this.link.refresh();
      if (this.parts.outbox.pendingCount() > 0) log.warn(`${this.parts.outbox.pendingCount()} actions still wait for the site`);
    } catch (error) {
      log.warn('catching up with the site failed; staying local until the link is up again', error);
      return;
    }
    if (this.link.up) this.setMode('site');
  }

  private deliver(): Promise<number> {
    return this.parts.outbox.deliver(this.link, (alert) => this.parts.cache.putAlert(alert));
  }

  private setMode(mode: SiteStatus['mode']): void {
    if (this.mode === mode) return;
    this.mode = mode;
    this.since = Date.now();
    log.info(mode === 'site' ? 'site server reachable: pages relayed to it' : 'site server unreachable: serving pages from this workstation');
    for (const relay of this.relays) relay.close({ code: 1012, reason: 'workstation switched to local mode' });
    this.relays.clear();
    this.safeEmit('mode', this.status());
  }
}
