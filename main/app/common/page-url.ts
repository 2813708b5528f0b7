// The engine page a display shows. The address carries no credential: the page gets its token
// (a kiosk: its box key) from the preload's window.jharokha, so it never sits in the address bar,
// the history or a crash report. A browser without the shell still opens pages with ?token=.
import type { DisplayAssignment } from './display-config.js';

export interface EngineAddress {
  /** http(s)://host:port, no path. */
  url: string;
  token: string;
}

export function pageUrl(engineUrl: string, assignment: Exclude<DisplayAssignment, { role: 'off' }>): string {
  const base = new URL(engineUrl);
  const enc = encodeURIComponent;
  switch (assignment.role) {
    case 'wall':
      base.pathname = `/wall/${enc(assignment.wallId)}/${enc(assignment.displayId)}`;
      break;
    case 'callbox':
      base.pathname = `/callbox/${enc(assignment.boxId)}`;
      break;
    default:
      base.pathname = '/console';
  }
  return base.toString();
}
