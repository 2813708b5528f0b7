// Everything the engine keeps in its SQLite file, opened together: the database and one repository
// per table family. The engine, a workstation's cache and tools reading the file all take this one
// object; close() closes the file (the repositories hold nothing else).
import path from 'node:path';
import { AuditLog } from './audit-log.js';
import { BoxRepo } from './box-repo.js';
import { CameraRepo } from './camera-repo.js';
import { openDatabase, type Db } from './database.js';
import { DisplayKeyRepo } from './display-key-repo.js';
import { KeyFileSource, SecretBox, type KeySource } from './secret-box.js';
import { UserRepo } from './user-repo.js';
import { VideoWallRepo } from './video-wall-repo.js';
import { WallRepo } from './wall-repo.js';
import { WorkstationRepo } from './workstation-repo.js';

export const DATABASE_FILE = 'engine.sqlite';

export class EngineStores {
  /**
   * Loads the sealing key first, then opens the file; a key that does not open the stored camera
   * credentials fails here (CameraRepo.open) and leaves the file closed.
   */
  static async open(dataDir: string, keySource?: KeySource): Promise<EngineStores> {
    const secrets = await SecretBox.create(keySource ?? KeyFileSource.inDataDir(dataDir));
    const db = openDatabase(path.join(dataDir, DATABASE_FILE));
    try {
      return new EngineStores(db, CameraRepo.open(db, secrets));
    } catch (error) {
      db.close();
      throw error;
    }
  }

  readonly boxes: BoxRepo;
  readonly audit: AuditLog;
  readonly users: UserRepo;
  readonly workstations: WorkstationRepo;
  /** Each wall display's own key. */
  readonly displayKeys: DisplayKeyRepo;
  /** Each display's grid of tiles. */
  readonly layouts: WallRepo;
  /** Wall definitions, spans, presets, leases and tours. */
  readonly videoWalls: VideoWallRepo;

  /** Over a database already open; `cameras` carries the sealing key, or none (no credentials then). */
  constructor(
    readonly db: Db,
    readonly cameras: CameraRepo,
  ) {
    this.boxes = new BoxRepo(db);
    this.audit = new AuditLog(db);
    this.users = new UserRepo(db);
    this.workstations = new WorkstationRepo(db);
    this.displayKeys = new DisplayKeyRepo(db);
    this.layouts = new WallRepo(db);
    this.videoWalls = new VideoWallRepo(db);
  }

  close(): void {
    this.db.close();
  }
}
