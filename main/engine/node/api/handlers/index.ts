// Every protocol method's handler, one file per method namespace, composed here. Access control
// has run before any of them (access.ts, checked by connection.ts).
import type { EngineContext } from '../../engine-context.js';
import type { Handlers } from '../connection-context.js';
import { LoginLimiter } from '../login-limiter.js';
import { alertHandlers } from './alerts.js';
import { auditHandlers } from './audit.js';
import { boxHandlers } from './boxes.js';
import { callHandlers } from './call.js';
import { cameraHandlers } from './cameras.js';
import { mediaHandlers } from './media.js';
import { sessionHandlers } from './session.js';
import { setupHandlers } from './setup.js';
import { syncHandlers } from './sync.js';
import { wallHandlers } from './walls.js';

export interface HandlerOptions {
  /** Failed logins per user name and per address; one per engine (api-server.ts), in memory. */
  loginLimiter?: LoginLimiter;
}

export function createHandlers(engine: EngineContext, options: HandlerOptions = {}): Handlers {
  return {
    ...cameraHandlers(engine),
    ...mediaHandlers(engine),
    ...wallHandlers(engine),
    ...sessionHandlers(engine, options.loginLimiter ?? new LoginLimiter()),
    ...setupHandlers(engine),
    ...alertHandlers(engine),
    ...boxHandlers(engine),
    ...callHandlers(),
    ...auditHandlers(engine),
    ...syncHandlers(engine),
  } satisfies Handlers;
}
