// Sets an engine up to follow a site server (see workstation.ts): its cache, outbox, the link and
// the offline alert methods that replace the engine's own queue methods.
import type { Handlers } from '../api/connection-context.js';
import type { HandlerOverrides } from '../api/site-port.js';
import type { EngineStores } from '../store/engine-stores.js';
import { carryingLogins } from './carried-logins.js';
import { createOfflineAlertHandlers } from './offline-handlers.js';
import { Outbox } from './outbox.js';
import { SiteCache } from './site-cache.js';
import type { SiteLinkTiming } from './site-link.js';
import type { UpstreamOptions } from './upstream-options.js';
import { Workstation } from './workstation.js';

export interface WorkstationMode {
  workstation: Workstation;
  cache: SiteCache;
  outbox: Outbox;
  /** The methods served locally while the site is away, over the engine's own. */
  handlers: HandlerOverrides;
}

export function startWorkstationMode(stores: EngineStores, upstream: UpstreamOptions, timing?: SiteLinkTiming): WorkstationMode {
  const cache = new SiteCache(stores);
  const outbox = new Outbox(stores.db);
  const workstation = new Workstation(upstream, { cache, outbox, users: stores.users }, timing);
  const onQueued = (): void => workstation.statusChanged();
  const offline = createOfflineAlertHandlers({ db: stores.db, cache, outbox, boxes: stores.boxes, audit: stores.audit, onQueued });
  const handlers: HandlerOverrides = (base: Handlers) => ({
    ...offline,
    'session.login': carryingLogins(base['session.login'], { users: stores.users, outbox, onQueued }),
  });
  return { workstation, cache, outbox, handlers };
}
