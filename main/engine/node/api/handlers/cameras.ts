// cameras.*: the directory consoles search and read (credentials never leave the store); a wall
// display reads only the cameras it shows (their names and streams for its tiles).
import type { EngineContext } from '../../engine-context.js';
import { displayScope } from '../access.js';
import type { NamespaceHandlers } from '../connection-context.js';

export function cameraHandlers(engine: EngineContext): NamespaceHandlers<'cameras.'> {
  return {
    'cameras.search': (params) => engine.cameras.search(params),
    'cameras.get': (params, conn) => {
      const shown = displayScope(conn.principal, (ref) => engine.walls.view(ref))?.shown();
      const ids = shown ? params.ids.filter((id) => shown.has(id)) : params.ids;
      return { cameras: ids.map((id) => engine.cameras.get(id)).filter((c) => c !== undefined) };
    },
  };
}
