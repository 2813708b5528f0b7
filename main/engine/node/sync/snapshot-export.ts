// Builds the site snapshot a workstation's engine caches (site-snapshot.ts): read from the stores
// as they are now, with camera credentials opened. Only sync-http.ts sends it, only to a workstation key.
import type { Alert } from '../../../../common/domain/alert.js';
import type { BoxRepo } from '../store/box-repo.js';
import type { CameraRepo } from '../store/camera-repo.js';
import type { UserRepo } from '../store/user-repo.js';
import type { VideoWallRepo } from '../store/video-wall-repo.js';
import type { WallRepo } from '../store/wall-repo.js';
import type { SiteSnapshot } from './site-snapshot.js';

export interface SnapshotSources {
  cameras: CameraRepo;
  users: UserRepo;
  boxes: BoxRepo;
  /** The open alerts as the queue holds them (the queue is a service; sync reads it through this). */
  alerts: { list(): Alert[] };
  videoWalls: VideoWallRepo;
  layouts: WallRepo;
  now?: () => number;
}

export class SnapshotExport {
  constructor(private readonly sources: SnapshotSources) {}

  take(): SiteSnapshot {
    const { cameras, users, boxes, alerts, videoWalls, layouts } = this.sources;
    const walls = videoWalls.listWalls();
    return {
      takenAt: (this.sources.now ?? Date.now)(),
      cameras: cameras.fullRecords(),
      users: users.storedUsers(),
      sessions: users.liveSessions(),
      // Descriptions only: a box's key (hash) and revocation stay on the site.
      boxes: boxes.list().map((box) => ({
        id: box.id,
        name: box.name,
        place: box.place,
        lat: box.lat,
        lon: box.lon,
        ...(box.cameraId !== undefined ? { cameraId: box.cameraId } : {}),
      })),
      alerts: alerts.list(),
      walls,
      layouts: layouts.list(),
      presets: walls.flatMap((wall) => videoWalls.listPresets(wall.id)),
    };
  }
}
