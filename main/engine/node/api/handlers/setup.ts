// setup.*: installers' work. Call boxes and wall displays (a key is shown once, in the answer) and
// their revocation, the people who log in, walls, and the camera tools: probing cameras of the inventory
// (a background job whose progress goes to the socket that started it, and which ends with that
// socket), ONVIF discovery and ONVIF profile lookup. The ONVIF credentials an installer types serve
// that one request: they are not logged, stored or audited. Every change is audited under the
// installer (access.ts lets no one else in).
import { JharokhaError } from '../../../../../common/errors.js';
import type { EngineContext } from '../../engine-context.js';
import type { StoredCallBox } from '../../store/box-repo.js';
import type { StoredDisplayKey } from '../../store/display-key-repo.js';
import { actorLabel, wallActor, type NamespaceHandlers } from '../connection-context.js';

const setupBox = ({ hasKey, revokedAt, ...box }: StoredCallBox) => ({ ...box, hasKey, ...(revokedAt !== undefined ? { revokedAt } : {}) });
const setupDisplay = ({ wallId, displayId, hasKey, revokedAt }: StoredDisplayKey) => ({ wallId, displayId, hasKey, ...(revokedAt !== undefined ? { revokedAt } : {}) });

export function setupHandlers(engine: EngineContext): NamespaceHandlers<'setup.'> {
  const requireBox = (boxId: string): StoredCallBox => {
    const box = engine.boxes.get(boxId);
    if (!box) throw new JharokhaError('NotFound', `no call box ${boxId}`);
    return box;
  };
  return {
    'setup.listBoxes': () => ({ boxes: engine.boxes.list().map(setupBox) }),
    'setup.registerBox': (params, conn) => {
      if (params.cameraId && !engine.cameras.get(params.cameraId)) throw new JharokhaError('NotFound', `no camera ${params.cameraId}`);
      engine.boxes.upsert(params);
      const key = engine.boxes.issueKey(params.id);
      engine.audit.append({ actor: actorLabel(conn), action: 'setup.registerBox', target: `box:${params.id}` });
      return { box: setupBox(requireBox(params.id)), key };
    },
    'setup.revokeBox': (params, conn) => {
      requireBox(params.boxId);
      engine.boxes.revoke(params.boxId);
      engine.audit.append({ actor: actorLabel(conn), action: 'setup.revokeBox', target: `box:${params.boxId}` });
      return { box: setupBox(requireBox(params.boxId)) };
    },
    'setup.listDisplayKeys': () => ({ displays: engine.displayKeys.list().map(setupDisplay) }),
    'setup.issueDisplayKey': (ref, conn) => {
      if (!engine.walls.wall(ref.wallId).displays.includes(ref.displayId)) throw new JharokhaError('NotFound', `wall ${ref.wallId} has no display ${ref.displayId}`);
      const key = engine.displayKeys.issueKey(ref);
      engine.audit.append({ actor: actorLabel(conn), action: 'setup.issueDisplayKey', target: `wall:${ref.wallId}/${ref.displayId}` });
      return { display: setupDisplay(engine.displayKeys.get(ref)), key };
    },
    'setup.revokeDisplayKey': (ref, conn) => {
      engine.displayKeys.revoke(ref);
      engine.audit.append({ actor: actorLabel(conn), action: 'setup.revokeDisplayKey', target: `wall:${ref.wallId}/${ref.displayId}` });
      return { display: setupDisplay(engine.displayKeys.get(ref)) };
    },
    'setup.listUsers': () => ({ users: engine.users.list() }),
    'setup.saveUser': async (params, conn) => {
      // The installer saving their own account keeps the login they are doing it on.
      const keep = conn.user?.username === params.username ? conn.loginToken : undefined;
      const { user, loginsEnded } = await engine.users.save(params, keep);
      engine.audit.append({ actor: actorLabel(conn), action: 'setup.saveUser', target: `user:${user.username}`, detail: { role: user.role, loginsEnded } });
      return { user };
    },
    'setup.disableUser': (params, conn) => {
      if (!engine.users.get(params.username)) throw new JharokhaError('NotFound', `no active user ${params.username}`);
      if (conn.user?.username === params.username) throw new JharokhaError('BadRequest', 'you cannot disable your own account');
      engine.users.disable(params.username);
      engine.audit.append({ actor: actorLabel(conn), action: 'setup.disableUser', target: `user:${params.username}` });
      return {};
    },
    'setup.saveWall': (params, conn) => ({ wall: engine.walls.saveWall(params, wallActor(conn)) }),
    'setup.probeCameras': (params, conn) => {
      const started = engine.setup.startProbe(params.cameraIds, params.stream, (event) => conn.send('setup.probeProgress', event), conn.closed);
      engine.audit.append({
        actor: actorLabel(conn),
        action: 'setup.probeCameras',
        target: `probe:${started.jobId}`,
        detail: { cameras: params.cameraIds.length, stream: params.stream },
      });
      return started;
    },
    'setup.discoverOnvif': async (params) => ({ devices: await engine.setup.discoverOnvif(params.timeoutMs) }),
    'setup.onvifProfiles': (params) => engine.setup.onvifProfiles(params.address, params.username, params.password),
  };
}
