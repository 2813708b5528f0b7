// What a watch knows about its stream, in media terms: the engine's word for it, or why there is
// none. tiles/tile-state.ts turns it into what the tile shows.
import type { StreamState } from '../../../common/domain/camera.js';
import type { ErrorCode } from '../../../common/errors.js';

export type WatchFact =
  | { type: 'engine-state'; state: StreamState; detail?: string | undefined }
  | { type: 'engine-lost'; reason: string }
  | { type: 'start-failed'; code: ErrorCode | null; message: string }
  | { type: 'consume-failed'; message: string }
  | { type: 'closed'; reason: string };

export interface WatchStatus {
  /** The latest fact; null while nothing has been heard since the watch was made. */
  readonly fact: WatchFact | null;
  /** Whether the grid shows it (a hidden watch is not forwarded). */
  readonly visible: boolean;
  /**
   * Its picture is the fast start's (the camera's current GOP, replayed at speed to reach the live
   * edge), not yet the shared live stream: the tile must not call it live.
   */
  readonly catchingUp: boolean;
}
