import type { Sfu } from '../../../sfu/index.js';
import type { AlertQueue } from './alerts/alert-queue.js';
import type { CallService } from './calls/call-service.js';
import type { AuditLog } from './store/audit-log.js';
import type { BoxRepo } from './store/box-repo.js';
import type { SetupService } from './setup/setup-service.js';
import type { CameraRepo } from './store/camera-repo.js';
import type { DisplayKeyRepo } from './store/display-key-repo.js';
import type { UserRepo } from './store/user-repo.js';
import type { WorkstationRepo } from './store/workstation-repo.js';
import type { SnapshotExport } from './sync/snapshot-export.js';
import type { WallService } from './walls/wall-service.js';

/** What request handlers may use: the engine's services, nothing transport-specific. */
export interface EngineContext {
  cameras: CameraRepo;
  /** Walls: definitions, each display's grid, spans, presets, tours, control leases. */
  walls: WallService;
  sfu: Sfu;
  alerts: AlertQueue;
  calls: CallService;
  audit: AuditLog;
  users: UserRepo;
  boxes: BoxRepo;
  /** Each wall display's own key (/ws?wall=…&display=…&key=…). */
  displayKeys: DisplayKeyRepo;
  setup: SetupService;
  /** Workstation engines and their keys (/ws?workstation=…, the snapshot, sync.deliver). */
  workstations: WorkstationRepo;
  /** The site as a workstation caches it (GET /api/sync/snapshot). */
  snapshot: SnapshotExport;
}
