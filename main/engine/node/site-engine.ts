// The site engine: store, media plane and API composed; the same code runs inside Electron's
// utility process or headless on a rack server. close() cascades in reverse order of creation.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../../common/logger.js';
import { Sfu } from '../../../sfu/index.js';
import type { CameraSimulator } from '../../../sim/index.js';
import { AlertQueue } from './alerts/alert-queue.js';
import type { PressLimit } from './alerts/press-limit.js';
import type { ShareLimits } from './api/principal-shares.js';
import { ApiServer } from './api/api-server.js';
import { parsePublicUrl } from './api/site-origins.js';
import { CallService } from './calls/call-service.js';
import { IncidentWall } from './calls/incident-wall.js';
import { demoBoxKey, demoDisplayKey } from './demo/demo-boxes.js';
import { seedDemo, type SeededDemo } from './demo/seed-demo.js';
import type { EngineContext } from './engine-context.js';
import { SetupService, type SetupServiceOptions } from './setup/setup-service.js';
import { dataVersion } from './store/database.js';
import { EngineStores } from './store/engine-stores.js';
import type { KeySource } from './store/secret-box.js';
import { localDisplayKey } from './store/machine-key.js';
import { demoPassword } from './demo/demo-users.js';
import { SnapshotExport } from './sync/snapshot-export.js';
import { isLoopbackHost, loadServerTls, type TlsFiles } from './tls-options.js';
import type { SiteLinkTiming } from './workstation/site-link.js';
import { parseUpstreamOptions, type UpstreamOptions } from './workstation/upstream-options.js';
import { startWorkstationMode, type WorkstationMode } from './workstation/workstation-mode.js';
import { WallService } from './walls/wall-service.js';

const log = createLogger('engine');
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SiteEngineOptions {
  dataDir: string;
  host?: string;
  port?: number;
  /** Shared secret for the WebSocket; a random one per start when not given. */
  token?: string;
  /** Start the camera simulator and register the demo cameras. */
  demo?: boolean;
  simPort?: number;
  staticDir?: string;
  webrtcListenIp?: string;
  webrtcAnnouncedIp?: string;
  pullGraceMs?: number;
  /** A ringing call nobody answers escalates to supervisors after this long (default 20 s). */
  escalateAfterMs?: number;
  /** How many presses one call box may make in a window (default 10 in 10 s). */
  pressLimit?: PressLimit;
  /** The key that seals camera credentials; `<dataDir>/secret.key` (created 0600) when not given. */
  keySource?: KeySource;
  /** Installer tools: probe timing and concurrency, where ONVIF discovery probes go. */
  setup?: SetupServiceOptions;
  /** How long a wall's control lease lasts unless renewed (default 60 s). */
  wallLeaseMs?: number;
  /** Makes this a workstation engine following a site server (workstation/workstation.ts). */
  upstream?: UpstreamOptions;
  upstreamTiming?: SiteLinkTiming;
  /** The port serves HTTPS and WSS with this certificate and key (PEM files, checked at start). */
  tls?: TlsFiles;
  /** Origins operators' browsers use besides the listen address (a DNS name, a proxy). */
  publicUrls?: readonly string[];
  /** Serve the renderer's source maps (a bundle built with --source-maps). */
  devSourceMaps?: boolean;
  /** What one principal may take across its sockets (api/principal-shares.ts defaults). */
  shareLimits?: ShareLimits;
  /** The media workers' WebRTC port range (serve --rtc-ports; default 40000-49999). */
  rtcPorts?: { min: number; max: number };
  /** mediasoup workers (serve --media-workers; default one per core). */
  mediaWorkers?: number;
  /** RTSP ingest processes (serve --ingest-shards; default one per core). */
  ingestShards?: number;
}

const INCIDENT_WALL = { wallId: 'main', displayId: '1' };

/** What a running engine holds: its addresses come from the API server, close() shuts the rest. */
interface EngineParts {
  stores: EngineStores;
  services: EngineContext;
  api: ApiServer;
  demo: SeededDemo | undefined;
  /** Set on a workstation engine: its link to the site, cache and outbox. */
  workstation: WorkstationMode | undefined;
  localDisplaySecret: Buffer;
}

export class SiteEngine {
  static async create(options: SiteEngineOptions): Promise<SiteEngine> {
    if (options.upstream && options.demo) throw new Error('a workstation follows its site server: it does not run the demo site too');
    const upstream = options.upstream && parseUpstreamOptions(options.upstream);
    // Before anything is opened: a wrong path or a mismatched key stops the start, naming the file.
    const tls = options.tls && loadServerTls(options.tls);
    const publicUrls = options.publicUrls?.map(parsePublicUrl);
    const stores = await EngineStores.open(options.dataDir, options.keySource);
    const { db, cameras, boxes, audit, users, workstations, displayKeys, layouts: wallRepo, videoWalls: videoWallRepo } = stores;
    const walls = new WallService({ repo: videoWallRepo, grids: wallRepo, cameras, audit, leaseMs: options.wallLeaseMs });
    let demo: SeededDemo | undefined;
    let sfu: Sfu | undefined;
    let alerts: AlertQueue | undefined;
    let workstation: WorkstationMode | undefined;
    try {
      if (options.demo) {
        demo = await seedDemo(stores, walls, {
          dataDir: options.dataDir,
          mediaDir: path.join(repoRoot, 'resources', 'media'),
          simPort: options.simPort,
          incidentWall: INCIDENT_WALL,
        });
      }
      alerts = AlertQueue.create({ db, boxes, audit, cameras, escalateAfterMs: options.escalateAfterMs, pressLimit: options.pressLimit });
      const calls = new CallService(alerts, boxes, audit);
      new IncidentWall(alerts, walls, INCIDENT_WALL);
      sfu = await Sfu.create({
        listenIp: options.webrtcListenIp ?? '127.0.0.1',
        announcedIp: options.webrtcAnnouncedIp,
        pullGraceMs: options.pullGraceMs,
        rtcMinPort: options.rtcPorts?.min,
        rtcMaxPort: options.rtcPorts?.max,
        mediaWorkers: options.mediaWorkers,
        ingestShards: options.ingestShards,
        resolveEndpoint: (cameraId, stream) => ({ cameraId, stream, ...cameras.endpoint(cameraId, stream) }),
      });
      const token = options.token ?? randomBytes(24).toString('base64url');
      const setup = new SetupService(cameras, options.setup);
      const snapshot = new SnapshotExport({ cameras, users, boxes, alerts, videoWalls: videoWallRepo, layouts: wallRepo });
      workstation = upstream && startWorkstationMode(stores, upstream, options.upstreamTiming);
      // Leases and tours of the last run carry on (cameras and presets are all in place by now).
      walls.restore();
      const services: EngineContext = { cameras, walls, sfu, alerts, calls, audit, users, boxes, displayKeys, setup, workstations, snapshot };
      // Made afresh at each start and handed only to the shell that runs this engine (localDisplayKey).
      const localDisplaySecret = randomBytes(32);
      const api = await ApiServer.create(
        services,
        {
          host: options.host ?? '127.0.0.1',
          port: options.port ?? 8080,
          token,
          staticDir: options.staticDir ?? path.join(repoRoot, 'dist', 'renderer'),
          storeVersion: () => dataVersion(db),
          workstation: workstation?.workstation,
          handlerOverrides: workstation?.handlers,
          tls,
          announcedIp: options.webrtcAnnouncedIp,
          publicUrls,
          devSourceMaps: options.devSourceMaps,
          localDisplaySecret,
          shareLimits: options.shareLimits,
        },
      );
      workstation?.cache.on('alert', (alert) => api.broadcastAlert(alert));
      const engine = new SiteEngine({ stores, services, api, demo, workstation, localDisplaySecret }, options.host ?? '127.0.0.1', token);
      sfu.on('restarted', (restart) => {
        audit.append({ actor: 'engine', action: 'media.restarted', target: `${restart.part} ${restart.index}`, detail: { pid: restart.pid, reason: restart.detail } });
        api.broadcastMediaRestart({ part: restart.part, index: restart.index, at: Date.now(), detail: restart.detail.slice(0, 200) });
      });
      log.info(`engine up on ${engine.baseUrl} with ${cameras.count()} cameras`);
      warnIfInTheClear(options.host ?? '127.0.0.1', !!tls, workstations.list().filter((w) => w.revokedAt === undefined).length);
      return engine;
    } catch (error) {
      walls.close();
      workstation?.workstation.close();
      alerts?.dispose();
      sfu?.close();
      await demo?.simulator.close();
      stores.close();
      throw error;
    }
  }

  private closed = false;

  private constructor(
    private readonly parts: EngineParts,
    private readonly host: string,
    /** The shared secret every page and socket presents. */
    readonly token: string,
  ) {}

  get baseUrl(): string {
    const { api } = this.parts;
    return `${api.secure ? 'https' : 'http'}://${this.host}:${api.port}`;
  }

  consoleUrl(): string {
    return `${this.baseUrl}/console?token=${encodeURIComponent(this.token)}`;
  }

  /** A wall display's page with that display's key: the demo's (derived like its kiosk keys), else this machine's local one. */
  wallUrl(wallId = 'main', displayId = '1'): string {
    const secret = this.parts.demo?.secret;
    const key = secret ? demoDisplayKey(secret, wallId, displayId) : this.localDisplayKey(wallId, displayId);
    return `${this.baseUrl}/wall/${encodeURIComponent(wallId)}/${encodeURIComponent(displayId)}?key=${encodeURIComponent(key)}`;
  }

  /**
   * The secret this machine's own desktop shell derives its wall windows' keys from (base64url):
   * handed to that shell alone, never printed; it changes at every start.
   */
  get localDisplaySecret(): string {
    return this.parts.localDisplaySecret.toString('base64url');
  }

  /** The key of one display on this machine (its shell's wall window), derived from localDisplaySecret. */
  localDisplayKey(wallId: string, displayId: string): string {
    return localDisplayKey(this.parts.localDisplaySecret, wallId, displayId);
  }

  /** A demo box's kiosk page, key included (the demo's keys derive from its data dir's secret). */
  kioskUrl(boxId: string): string {
    const secret = this.parts.demo?.secret;
    if (!secret) throw new Error('kiosk URLs are known only for the demo site; real boxes get their key at registration');
    return `${this.baseUrl}/callbox/${encodeURIComponent(boxId)}?key=${encodeURIComponent(demoBoxKey(secret, boxId))}`;
  }

  /** Every registered box with its kiosk address, on the demo site (none elsewhere). */
  demoKiosks(): { name: string; url: string }[] {
    if (!this.parts.demo) return [];
    return this.parts.services.boxes.list().map((box) => ({ name: box.name, url: this.kioskUrl(box.id) }));
  }

  /** A demo user's password (derived from the data dir's demo secret, like the kiosk keys). */
  demoPassword(username: string): string {
    const secret = this.parts.demo?.secret;
    if (!secret) throw new Error('passwords are known only for the demo site; real users choose their own');
    return demoPassword(secret, username);
  }

  wsUrl(): string {
    const { api } = this.parts;
    return `${api.secure ? 'wss' : 'ws'}://${this.host}:${api.port}/ws?token=${encodeURIComponent(this.token)}`;
  }

  /** The media workers' processes, for the bench's CPU accounting. */
  get mediaWorkerPids(): number[] {
    return this.parts.services.sfu.workerPids;
  }

  /** The ingest shards' processes (undefined while one restarts), for the same. */
  get ingestShardPids(): (number | undefined)[] {
    return this.parts.services.sfu.shardPids;
  }

  /**
   * For tests only, which must act inside the engine where no API reaches: stop a demo camera, read
   * which consumers the media plane paused, set a layout as the incident wall does, watch a
   * workstation's link and outbox.
   */
  get internalsForTests(): { walls: WallService; sfu: Sfu; simulator: CameraSimulator | undefined; workstation: WorkstationMode | undefined } {
    const { services, demo, workstation } = this.parts;
    return { walls: services.walls, sfu: services.sfu, simulator: demo?.simulator, workstation };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { stores, services, api, demo, workstation } = this.parts;
    // Calls first: sessions closing during shutdown must not read as boxes going offline.
    services.calls.close();
    workstation?.workstation.close();
    services.setup.close();
    services.walls.close();
    await api.close();
    services.alerts.dispose();
    services.sfu.close();
    await demo?.simulator.close();
    stores.close();
  }
}

/**
 * Plain HTTP stays the default for the demo on one machine. A site other machines reach (a
 * non-loopback address, or workstations registered to follow it) hands them the snapshot —
 * camera credentials and password hashes — and takes operators' passwords: without TLS all of
 * that crosses the network readable, which is said loudly at every start.
 */
function warnIfInTheClear(host: string, tls: boolean, workstations: number): void {
  if (tls) return;
  const why = [
    ...(isLoopbackHost(host) ? [] : [`it listens on ${host}, not only this machine`]),
    ...(workstations > 0 ? [`${workstations} workstation(s) are registered to copy its snapshot`] : []),
  ];
  if (why.length === 0) return;
  log.warn(
    `serving plain HTTP while ${why.join(' and ')}: camera credentials, password hashes, workstation keys and logins ` +
      'travel in the clear. Start it with --tls-cert FILE --tls-key FILE (PEM) and give workstations an https:// upstream.',
  );
}
