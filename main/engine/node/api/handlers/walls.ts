// wall.* and walls.*: each display's grid, spans, presets, tours and the control lease. Access
// control has run (access.ts); the lease and the audit are WallService's business, except for
// wall.set's audit entry, written here as it always was.
import type { EventData } from '../../../../../common/protocol/events.js';
import type { EngineContext } from '../../engine-context.js';
import type { WallService } from '../../walls/wall-service.js';
import { displayScope } from '../access.js';
import { actorLabel, wallActor, type NamespaceHandlers } from '../connection-context.js';

export function wallHandlers(engine: EngineContext): NamespaceHandlers<'wall.' | 'walls.'> {
  const { walls } = engine;
  return {
    'walls.list': () => ({ walls: walls.list() }),
    'wall.view': (params, conn) => {
      displayScope(conn.principal, (ref) => walls.view(ref))?.requireOwn(params);
      return walls.view(params);
    },
    'wall.get': (params) => walls.get(params),
    'wall.set': (params, conn) => {
      walls.setFor(params, wallActor(conn));
      engine.audit.append({ actor: actorLabel(conn), action: 'wall.set', target: `wall:${params.wallId}/${params.displayId}`, detail: { grid: params.grid } });
      return {};
    },
    'wall.setTile': ({ index, cameraId, ...ref }, conn) => {
      walls.setTile(ref, index, cameraId, wallActor(conn));
      return {};
    },
    'wall.setSpans': (params, conn) => {
      walls.setSpans(params.wallId, params.spans, wallActor(conn));
      return {};
    },
    'wall.listPresets': (params) => ({ presets: walls.listPresets(params.wallId) }),
    'wall.savePreset': (params, conn) => ({ preset: walls.savePreset(params.wallId, params.name, wallActor(conn)) }),
    'wall.recallPreset': (params, conn) => walls.recallPreset(params.wallId, params.name, wallActor(conn)),
    'wall.deletePreset': (params, conn) => {
      walls.deletePreset(params.wallId, params.name, wallActor(conn));
      return {};
    },
    'wall.startTour': (params, conn) => ({ tour: walls.startTour(params, wallActor(conn)) }),
    'wall.stopTour': (params, conn) => {
      walls.stopTour(params.wallId, wallActor(conn));
      return {};
    },
    'wall.takeControl': (params, conn) => ({ control: walls.takeControl(params.wallId, wallActor(conn)) }),
    'wall.releaseControl': (params, conn) => ({ control: walls.releaseControl(params.wallId, wallActor(conn)) }),
  };
}

export type WallEvent = 'wall.layout' | 'wall.defined' | 'wall.spans' | 'wall.control' | 'wall.tour';

/** Pushes every wall change to the sender, which decides who hears which (api-server.ts). */
export function forwardWallEvents(walls: WallService, send: <E extends WallEvent>(event: E, data: EventData<E>) => void): void {
  walls.on('layout', (layout) => send('wall.layout', layout));
  walls.on('defined', (wall) => send('wall.defined', wall));
  walls.on('spans', (spans) => send('wall.spans', spans));
  walls.on('control', (control) => send('wall.control', control));
  walls.on('tour', (event) => send('wall.tour', event));
}
