// Who may call what, checked in the engine for every request (never only in the UI). A socket
// opened with the site token only opens the login page until a person logs in on it; a wall
// display holds its own display's key and may watch only what that display shows (the handlers
// check which, with displayScope below); a kiosk holds only its own box's key and may touch
// nothing but its box's calls.
import { callTakerRoles, type UserRole, type UserSummary } from '../../../../common/domain/user.js';
import type { DisplayView, WallDisplayRef } from '../../../../common/domain/wall.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { MethodName } from '../../../../common/protocol/methods.js';

export type Principal =
  | { kind: 'console' }
  | ({ kind: 'display' } & WallDisplayRef)
  | { kind: 'box'; boxId: string }
  | { kind: 'workstation'; workstationId: string };

/**
 * any: every authenticated socket (walls, consoles and kiosks all load the router's codecs);
 * login: a site-token socket, logged in or not (logging in is all it may do before);
 * viewing: a wall display (its own display only), or a user with one of the VIEWERS roles;
 * box: a kiosk; party: either side of a call (a kiosk, or an operator or supervisor);
 * workstation: a workstation's engine (its own key), delivering what its operators did offline;
 * otherwise the roles a logged-in user needs.
 */
type Access = 'any' | 'login' | 'viewing' | 'box' | 'party' | 'workstation' | readonly UserRole[];

const CALL_TAKERS = callTakerRoles;
const SUPERVISORS = ['supervisor'] as const;
const INSTALLERS = ['installer'] as const;
/** Who watches cameras: the call takers, and a person at a wall PC (the wall role), each under their own name. */
const VIEWERS = [...callTakerRoles, 'wall'] as const;
/** Any logged-in person (the installer's pages search cameras and read walls too). */
const PEOPLE = [...VIEWERS, 'installer'] as const;

const access: Record<MethodName, Access> = {
  'cameras.search': PEOPLE,
  'cameras.get': 'viewing',
  'media.routerCapabilities': 'any',
  'media.createRecvTransport': 'viewing',
  'media.connectTransport': 'viewing',
  'watch.start': 'viewing',
  'watch.resume': 'viewing',
  'watch.pause': 'viewing',
  'watch.stop': 'viewing',
  'wall.get': PEOPLE,
  'wall.set': CALL_TAKERS,
  'wall.setTile': CALL_TAKERS,
  'walls.list': PEOPLE,
  'wall.view': 'viewing',
  'wall.listPresets': PEOPLE,
  'wall.setSpans': CALL_TAKERS,
  'wall.savePreset': CALL_TAKERS,
  'wall.recallPreset': CALL_TAKERS,
  'wall.deletePreset': CALL_TAKERS,
  'wall.startTour': CALL_TAKERS,
  'wall.stopTour': CALL_TAKERS,
  'wall.takeControl': CALL_TAKERS,
  'wall.releaseControl': CALL_TAKERS,
  'setup.saveWall': INSTALLERS,
  'session.login': 'login',
  'session.resume': 'login',
  'session.logout': 'login',
  'session.clearLoginLock': SUPERVISORS,
  'setup.listBoxes': INSTALLERS,
  'setup.registerBox': INSTALLERS,
  'setup.revokeBox': INSTALLERS,
  'setup.listDisplayKeys': INSTALLERS,
  'setup.issueDisplayKey': INSTALLERS,
  'setup.revokeDisplayKey': INSTALLERS,
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
  if (principal.kind === 'display') {
    if (needed !== 'viewing') refuse(`a wall display may only show what display ${principal.wallId}/${principal.displayId} shows`);
    return;
  }
  if (needed === 'login') return;
  const roles = needed === 'party' ? CALL_TAKERS : needed === 'viewing' ? VIEWERS : needed;
  if (!user) refuse('log in first (session.login): the site token opens only the login page');
  if (!roles.includes(user!.role)) refuse(`needs the ${roles.join(' or ')} role; ${user!.username} is ${user!.role}`);
}

/** The cameras a display shows now: its grid's tiles, or the camera of the span over it. */
export function camerasShown(view: DisplayView): string[] {
  if (view.kind === 'span') return [view.cameraId];
  return view.layout.tiles.filter((id): id is string => id !== null);
}

/**
 * What a wall display's socket may reach beyond checkAccess: its own display, and the cameras that
 * display shows at the moment of asking. Null for every other socket (access.ts already let it in).
 * A watch started while a camera was shown may stay after it leaves: the page stops it then.
 */
export interface DisplayScope {
  requireOwn(ref: WallDisplayRef): void;
  requireShown(cameraId: string): void;
  shown(): Set<string>;
}

export function displayScope(principal: Principal, view: (ref: WallDisplayRef) => DisplayView): DisplayScope | null {
  if (principal.kind !== 'display') return null;
  const own = { wallId: principal.wallId, displayId: principal.displayId };
  const label = `display ${own.wallId}/${own.displayId}`;
  const shown = (): Set<string> => new Set(camerasShown(view(own)));
  return {
    requireOwn: (ref) => {
      if (ref.wallId !== own.wallId || ref.displayId !== own.displayId) {
        throw new JharokhaError('Forbidden', `${label} may not read display ${ref.wallId}/${ref.displayId}`);
      }
    },
    requireShown: (cameraId) => {
      if (!shown().has(cameraId)) throw new JharokhaError('Forbidden', `${label} does not show camera ${cameraId}, so it may not watch it`);
    },
    shown,
  };
}

/** HTTP routes that act for a logged-in user (Authorization: Bearer <login token>), and the roles each needs. */
const routeAccess = {
  'setup.importCameras': INSTALLERS,
} as const satisfies Record<string, readonly UserRole[]>;
export type Route = keyof typeof routeAccess;

export function mayUseRoute(route: Route, user: UserSummary): boolean {
  return (routeAccess[route] as readonly UserRole[]).includes(user.role);
}
