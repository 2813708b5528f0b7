// Whole-wall methods: definitions (installers), spans, presets, tours and the control lease.
// Access control has run (access.ts); the lease and the audit are WallService's business.
import type { EventData } from '../../../../common/protocol/events.js';
import type { MethodName } from '../../../../common/protocol/methods.js';
import type { EngineContext } from '../engine-context.js';
import type { WallActor, WallService } from '../walls/wall-service.js';
import type { ConnectionContext, Handlers } from './handlers.js';

type WallMethod = Extract<MethodName, 'walls.list' | 'setup.saveWall' | `wall.${string}`>;
type WholeWallMethod = Exclude<WallMethod, 'wall.get' | 'wall.set'>;

export function wallActor(conn: ConnectionContext, label: string): WallActor {
  return { label, user: conn.user ? { username: conn.user.username, displayName: conn.user.displayName } : undefined };
}

export function createWallHandlers(
  engine: EngineContext,
  actorLabel: (conn: ConnectionContext) => string,
): Pick<Handlers, WholeWallMethod> {
  const walls = engine.walls;
  const actor = (conn: ConnectionContext): WallActor => wallActor(conn, actorLabel(conn));
  return {
    'walls.list': () => ({ walls: walls.list() }),
    'wall.view': (params) => walls.view(params),
    'setup.saveWall': (params, conn) => ({ wall: walls.saveWall(params, actor(conn)) }),
    'wall.setTile': ({ index, cameraId, ...ref }, conn) => {
      walls.setTile(ref, index, cameraId, actor(conn));
      return {};
    },
    'wall.setSpans': (params, conn) => {
      walls.setSpans(params.wallId, params.spans, actor(conn));
      return {};
    },
    'wall.listPresets': (params) => ({ presets: walls.listPresets(params.wallId) }),
    'wall.savePreset': (params, conn) => ({ preset: walls.savePreset(params.wallId, params.name, actor(conn)) }),
    'wall.recallPreset': (params, conn) => walls.recallPreset(params.wallId, params.name, actor(conn)),
    'wall.deletePreset': (params, conn) => {
      walls.deletePreset(params.wallId, params.name, actor(conn));
      return {};
    },
    'wall.startTour': (params, conn) => ({ tour: walls.startTour(params, actor(conn)) }),
    'wall.stopTour': (params, conn) => {
      walls.stopTour(params.wallId, actor(conn));
      return {};
    },
    'wall.takeControl': (params, conn) => ({ control: walls.takeControl(params.wallId, actor(conn)) }),
    'wall.releaseControl': (params, conn) => ({ control: walls.releaseControl(params.wallId, actor(conn)) }),
  };
}

type WallEvent = 'wall.layout' | 'wall.defined' | 'wall.spans' | 'wall.control' | 'wall.tour';

/** Pushes every wall change to every console and display (the sender decides who is one). */
export function forwardWallEvents(walls: WallService, send: <E extends WallEvent>(event: E, data: EventData<E>) => void): void {
  walls.on('layout', (layout) => send('wall.layout', layout));
  walls.on('defined', (wall) => send('wall.defined', wall));
  walls.on('spans', (spans) => send('wall.spans', spans));
  walls.on('control', (control) => send('wall.control', control));
  walls.on('tour', (event) => send('wall.tour', event));
}
