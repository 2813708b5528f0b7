// Installers' accounts work: registering call boxes (the key is shown once, in the answer) and
// revoking them, and the people who log in. Every change goes to the audit log under the installer.
import type { UserSummary } from '../../../../common/domain/user.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { EngineContext } from '../engine-context.js';
import type { StoredCallBox } from '../store/box-repo.js';
import type { ConnectionContext, Handlers } from './handlers.js';

type SetupAccountMethod = 'setup.listBoxes' | 'setup.registerBox' | 'setup.revokeBox' | 'setup.listUsers' | 'setup.saveUser' | 'setup.disableUser';

const setupBox = ({ hasKey, revokedAt, ...box }: StoredCallBox) => ({ ...box, hasKey, ...(revokedAt !== undefined ? { revokedAt } : {}) });

export function createSetupAccountHandlers(engine: EngineContext, userLabel: (user: UserSummary) => string): Pick<Handlers, SetupAccountMethod> {
  /** Access control has run: an installer is logged in. */
  const who = (conn: ConnectionContext): string => (conn.user ? userLabel(conn.user) : 'unknown');
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
      engine.audit.append({ actor: who(conn), action: 'setup.registerBox', target: `box:${params.id}` });
      return { box: setupBox(requireBox(params.id)), key };
    },
    'setup.revokeBox': (params, conn) => {
      requireBox(params.boxId);
      engine.boxes.revoke(params.boxId);
      engine.audit.append({ actor: who(conn), action: 'setup.revokeBox', target: `box:${params.boxId}` });
      return { box: setupBox(requireBox(params.boxId)) };
    },
    'setup.listUsers': () => ({ users: engine.users.list() }),
    'setup.saveUser': async (params, conn) => {
      const user = await engine.users.upsert(params);
      engine.audit.append({ actor: who(conn), action: 'setup.saveUser', target: `user:${user.username}`, detail: { role: user.role } });
      return { user };
    },
    'setup.disableUser': (params, conn) => {
      if (!engine.users.get(params.username)) throw new JharokhaError('NotFound', `no active user ${params.username}`);
      if (conn.user?.username === params.username) throw new JharokhaError('BadRequest', 'you cannot disable your own account');
      engine.users.disable(params.username);
      engine.audit.append({ actor: who(conn), action: 'setup.disableUser', target: `user:${params.username}` });
      return {};
    },
  };
}
