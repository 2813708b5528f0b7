// Sets an engine up to follow a site server (see workstation.ts): its cache, outbox, the link and
// the offline alert methods that replace the engine's own queue methods.
import type { Handlers } from '../api/handlers.js';
import type { AuditLog } from '../store/audit-log.js';
import type { BoxRepo } from '../store/box-repo.js';
import type { CameraRepo } from '../store/camera-repo.js';
import type { Db } from '../store/database.js';
import type { UserRepo } from '../store/user-repo.js';
import type { VideoWallRepo } from '../store/video-wall-repo.js';
import type { WallRepo } from '../store/wall-repo.js';
import { createOfflineAlertHandlers } from './offline-handlers.js';
import { Outbox } from './outbox.js';
import { SiteCache } from './site-cache.js';
import type { SiteLinkTiming } from './site-link.js';
import type { UpstreamOptions } from './upstream-options.js';
import { Workstation } from './workstation.js';

export interface WorkstationStores {
  db: Db;
  cameras: CameraRepo;
  users: UserRepo;
  boxes: BoxRepo;
  walls: WallRepo;
  videoWalls: VideoWallRepo;
  audit: AuditLog;
}

export interface WorkstationMode {
  workstation: Workstation;
  cache: SiteCache;
  outbox: Outbox;
  handlers: Partial<Handlers>;
}

export function startWorkstationMode(stores: WorkstationStores, upstream: UpstreamOptions, timing?: SiteLinkTiming): WorkstationMode {
  const cache = new SiteCache(stores);
  const outbox = new Outbox(stores.db);
  const workstation = new Workstation(upstream, { cache, outbox, users: stores.users }, timing);
  const handlers = createOfflineAlertHandlers({ db: stores.db, cache, outbox, boxes: stores.boxes, audit: stores.audit, onQueued: () => workstation.statusChanged() });
  return { workstation, cache, outbox, handlers };
}
