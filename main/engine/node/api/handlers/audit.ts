// audit.*: supervisors read who did what (access.ts lets no one else).
import type { EngineContext } from '../../engine-context.js';
import type { NamespaceHandlers } from '../connection-context.js';

export function auditHandlers(engine: EngineContext): NamespaceHandlers<'audit.'> {
  return {
    'audit.list': (params) => ({ entries: engine.audit.list({ limit: params.limit, target: params.target }) }),
  };
}
