// cameras.*: the directory consoles search and read (credentials never leave the store).
import type { EngineContext } from '../../engine-context.js';
import type { NamespaceHandlers } from '../connection-context.js';

export function cameraHandlers(engine: EngineContext): NamespaceHandlers<'cameras.'> {
  return {
    'cameras.search': (params) => engine.cameras.search(params),
    'cameras.get': (params) => ({
      cameras: params.ids.map((id) => engine.cameras.get(id)).filter((c) => c !== undefined),
    }),
  };
}
