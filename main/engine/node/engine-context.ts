import type { Sfu } from '../../../sfu/index.js';
import type { CameraRepo } from './store/camera-repo.js';
import type { WallService } from './wall-service.js';

/** What request handlers may use: the engine's services, nothing transport-specific. */
export interface EngineContext {
  cameras: CameraRepo;
  walls: WallService;
  sfu: Sfu;
}
