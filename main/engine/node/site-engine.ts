// The site engine: store, media plane and API composed; the same code runs inside Electron's
// utility process or headless on a rack server. close() cascades in reverse order of creation.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../../common/logger.js';
import { Sfu } from '../../../sfu/index.js';
import type { CameraSimulator } from '../../../sim/index.js';
import { ApiServer } from './api/api-server.js';
import { startDemoSite } from './demo/demo-site.js';
import { CameraRepo } from './store/camera-repo.js';
import { openDatabase, type Db } from './store/database.js';
import { WallRepo } from './store/wall-repo.js';
import { WallService } from './wall-service.js';

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
}

export class SiteEngine {
  static async create(options: SiteEngineOptions): Promise<SiteEngine> {
    const db = openDatabase(path.join(options.dataDir, 'engine.sqlite'));
    const cameras = new CameraRepo(db);
    const walls = new WallService(new WallRepo(db), cameras);
    let simulator: CameraSimulator | undefined;
    let sfu: Sfu | undefined;
    try {
      if (options.demo) {
        const demo = await startDemoSite({ mediaDir: path.join(repoRoot, 'resources', 'media'), simPort: options.simPort });
        simulator = demo.simulator;
        cameras.upsertMany(demo.cameras);
        const ref = { wallId: 'main', displayId: '1' };
        if (!new WallRepo(db).get(ref)) walls.set({ ...ref, grid: 16, tiles: demo.wallTiles });
      }
      sfu = await Sfu.create({
        listenIp: options.webrtcListenIp ?? '127.0.0.1',
        announcedIp: options.webrtcAnnouncedIp,
        pullGraceMs: options.pullGraceMs,
        resolveEndpoint: (cameraId, stream) => ({ cameraId, stream, ...cameras.endpoint(cameraId, stream) }),
      });
      const token = options.token ?? randomBytes(24).toString('base64url');
      const api = await ApiServer.create(
        { cameras, walls, sfu },
        {
          host: options.host ?? '127.0.0.1',
          port: options.port ?? 8080,
          token,
          staticDir: options.staticDir ?? path.join(repoRoot, 'dist', 'renderer'),
        },
      );
      const engine = new SiteEngine(db, cameras, sfu, api, simulator, token, options.host ?? '127.0.0.1');
      sfu.once('close', (error) => {
        if (error) log.error('media plane died: restart the engine', error);
      });
      log.info(`engine up on ${engine.baseUrl} with ${cameras.count()} cameras`);
      return engine;
    } catch (error) {
      sfu?.close();
      await simulator?.close();
      db.close();
      throw error;
    }
  }

  private closed = false;

  private constructor(
    private readonly db: Db,
    readonly cameras: CameraRepo,
    readonly sfu: Sfu,
    readonly api: ApiServer,
    readonly simulator: CameraSimulator | undefined,
    readonly token: string,
    private readonly host: string,
  ) {}

  get baseUrl(): string {
    return `http://${this.host}:${this.api.port}`;
  }

  consoleUrl(): string {
    return `${this.baseUrl}/console?token=${encodeURIComponent(this.token)}`;
  }

  wallUrl(wallId = 'main', displayId = '1'): string {
    return `${this.baseUrl}/wall/${wallId}/${displayId}?token=${encodeURIComponent(this.token)}`;
  }

  wsUrl(): string {
    return `ws://${this.host}:${this.api.port}/ws?token=${encodeURIComponent(this.token)}`;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.api.close();
    this.sfu.close();
    await this.simulator?.close();
    this.db.close();
  }
}
