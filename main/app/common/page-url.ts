// The engine page a display shows. The address carries no credential: the page gets its token
// (a kiosk: its box key) from the preload's window.jharokha, so it never sits in the address bar,
// the history or a crash report. A browser without the shell still opens pages with ?token=.
import { isDeskMonitor, type ShownAssignment } from './display-config.js';

export interface EngineAddress {
  /** http(s)://host:port, no path. */
  url: string;
  token: string;
  /** The engine's secret for this machine's wall windows (each derives its own display's key); absent when it gave none. */
  displaySecret?: string;
}

export function pageUrl(engineUrl: string, assignment: ShownAssignment): string {
  const base = new URL(engineUrl);
  const enc = encodeURIComponent;
  // A desk monitor is a wall display in every way the page sees; only the preload's role says workstation.
  if (isDeskMonitor(assignment)) {
    base.pathname = `/wall/${enc(assignment.wallId)}/${enc(assignment.displayId)}`;
    return base.toString();
  }
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
