// Who may call what, checked in the engine for every request (never only in the UI). A socket
// opened with the site token is a display (the wall role) until a person logs in on it; a kiosk
// holds only its own box's key and may touch nothing but its box's calls.
import { callTakerRoles, type UserRole, type UserSummary } from '../../../../common/domain/user.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { MethodName } from '../../../../common/protocol/methods.js';

export type Principal = { kind: 'console' } | { kind: 'box'; boxId: string } | { kind: 'workstation'; workstationId: string };

/**
 * any: every authenticated socket (walls, consoles and kiosks all load the router's codecs);
 * console: a site-token socket, logged in or not (watching cameras, the wall, logging in);
 * box: a kiosk; party: either side of a call (a kiosk, or an operator or supervisor);
 * workstation: a workstation's engine (its own key), delivering what its operators did offline;
 * otherwise the roles a logged-in user needs.
 */
type Access = 'any' | 'console' | 'box' | 'party' | 'workstation' | readonly UserRole[];

const CALL_TAKERS = callTakerRoles;
const SUPERVISORS = ['supervisor'] as const;
const INSTALLERS = ['installer'] as const;

const access: Record<MethodName, Access> = {
  'cameras.search': 'console',
  'cameras.get': 'console',
  'media.routerCapabilities': 'any',
  'media.createRecvTransport': 'console',
  'media.connectTransport': 'console',
  'watch.start': 'console',
  'watch.resume': 'console',
  'watch.pause': 'console',
  'watch.stop': 'console',
  'wall.get': 'console',
  'wall.set': 'console',
  'wall.setTile': 'console',
  'walls.list': 'console',
  'wall.view': 'console',
  'wall.listPresets': 'console',
  'wall.setSpans': CALL_TAKERS,
  'wall.savePreset': CALL_TAKERS,
  'wall.recallPreset': CALL_TAKERS,
  'wall.deletePreset': CALL_TAKERS,
  'wall.startTour': CALL_TAKERS,
  'wall.stopTour': CALL_TAKERS,
  'wall.takeControl': CALL_TAKERS,
  'wall.releaseControl': CALL_TAKERS,
  'setup.saveWall': INSTALLERS,
  'session.login': 'console',
  'session.resume': 'console',
  'session.logout': 'console',
  'session.clearLoginLock': SUPERVISORS,
  'setup.listBoxes': INSTALLERS,
  'setup.registerBox': INSTALLERS,
  'setup.revokeBox': INSTALLERS,
  'setup.listUsers': INSTALLERS,
  'setup.saveUser': INSTALLERS,
  'setup.disableUser': INSTALLERS,
  'setup.probeCameras': INSTALLERS,
  'setup.discoverOnvif': INSTALLERS,
  'setup.onvifProfiles': INSTALLERS,
  'boxes.list': CALL_TAKERS,
  'alerts.list': CALL_TAKERS,
  'alert.answer': CALL_TAKERS,
  'alert.hold': CALL_TAKERS,
  'alert.resume': CALL_TAKERS,
  'alert.hangup': CALL_TAKERS,
  'alert.callback': CALL_TAKERS,
  'alert.acknowledge': CALL_TAKERS,
  'alert.close': CALL_TAKERS,
  'audit.list': SUPERVISORS,
  'box.press': 'box',
  'box.status': 'box',
  'call.createTransports': 'party',
  'call.connectTransport': 'party',
  'call.produce': 'party',
  'call.resumeConsumer': 'party',
  'sync.deliver': 'workstation',
};

export function checkAccess(method: MethodName, principal: Principal, user: UserSummary | undefined): void {
  const needed = access[method];
  const isBox = principal.kind === 'box';
  const refuse = (why: string): never => {
    throw new JharokhaError('Forbidden', `${method}: ${why}`);
  };
  // Before 'any': a workstation's key opens sync.deliver and nothing else, not even the media plane.
  if (principal.kind === 'workstation' || needed === 'workstation') {
    if (principal.kind !== 'workstation' || needed !== 'workstation') refuse('only a workstation engine may do this, and it may do nothing else');
    return;
  }
  if (needed === 'any') return;
  if (needed === 'box') {
    if (!isBox) refuse('only a call box may do this');
    return;
  }
  if (isBox) {
    if (needed !== 'party') refuse('a call box may not do this');
    return;
  }
  if (needed === 'console') return;
  const roles = needed === 'party' ? CALL_TAKERS : needed;
  if (!user) refuse('log in first (session.login)');
  if (!roles.includes(user!.role)) refuse(`needs the ${roles.join(' or ')} role; ${user!.username} is ${user!.role}`);
}

/** HTTP routes that act for a logged-in user (Authorization: Bearer <login token>), and the roles each needs. */
const routeAccess = {
  'setup.importCameras': INSTALLERS,
} as const satisfies Record<string, readonly UserRole[]>;
export type Route = keyof typeof routeAccess;

export function mayUseRoute(route: Route, user: UserSummary): boolean {
  return (routeAccess[route] as readonly UserRole[]).includes(user.role);
}
