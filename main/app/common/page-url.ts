// The engine page a display shows. The token still travels in ?token= because the renderer
// takes it from there (and strips it from the address at once); the preload hands it over too.
import type { DisplayAssignment } from './display-config.js';

export interface EngineAddress {
  /** http(s)://host:port, no path. */
  url: string;
  token: string;
}

export function pageUrl(engine: EngineAddress, assignment: Exclude<DisplayAssignment, { role: 'off' }>): string {
  const base = new URL(engine.url);
  const enc = encodeURIComponent;
  switch (assignment.role) {
    case 'wall':
      base.pathname = `/wall/${enc(assignment.wallId)}/${enc(assignment.displayId)}`;
      base.searchParams.set('token', engine.token);
      break;
    case 'callbox':
      // A kiosk authenticates with its box key, never with the site token.
      base.pathname = `/callbox/${enc(assignment.boxId)}`;
      base.searchParams.set('key', assignment.key);
      break;
    default:
      base.pathname = '/console';
      base.searchParams.set('token', engine.token);
  }
  return base.toString();
}
