// session.*: a person logs in on a socket (or resumes a login), and out. Failed logins are limited
// per name and address, and per address, before any password is hashed (login-limiter.ts); a
// supervisor may lift a name's locks.
import { JharokhaError } from '../../../../../common/errors.js';
import { createLogger } from '../../../../../common/logger.js';
import type { EngineContext } from '../../engine-context.js';
import { actorLabel, userLabel, type NamespaceHandlers } from '../connection-context.js';
import type { LoginLimiter } from '../login-limiter.js';

const log = createLogger('handlers');

export function sessionHandlers(engine: EngineContext, limiter: LoginLimiter): NamespaceHandlers<'session.'> {
  return {
    'session.login': async (params, conn) => {
      const address = conn.remoteAddress;
      // Before the password is hashed: a locked name or address costs no scrypt work. Refusals
      // while locked are not audited one by one; the lockout itself is, once.
      conn.shares.admitLogin(params.username.trim().toLowerCase(), conn);
      const attempt = limiter.begin(params.username, address);
      const grant = await engine.users.login(params.username, params.password).catch((error: unknown) => {
        const lockouts = attempt.failed();
        const actor = `login:${params.username.slice(0, 100)}`;
        engine.audit.append({ actor, action: 'session.loginRefused', target: 'session', detail: { address } });
        for (const lock of lockouts) {
          engine.audit.append({ actor, action: 'session.loginLocked', target: 'session', detail: { ...lock } });
          const who = lock.scope === 'user' ? `for ${lock.username} from ${lock.address}` : `from ${lock.address}`;
          log.warn(`logins ${who} locked until ${new Date(lock.until).toISOString()} after ${lock.failures} failures`);
        }
        throw error;
      });
      attempt.succeeded();
      conn.user = grant.user;
      conn.loginToken = grant.token;
      engine.audit.append({ actor: userLabel(grant.user), action: 'session.login', target: 'session' });
      return grant;
    },
    'session.resume': (params, conn) => {
      const user = engine.users.userForToken(params.token);
      if (!user) throw new JharokhaError('Unauthorized', 'the login has expired or ended: log in again');
      conn.shares.admitLogin(user.username, conn);
      conn.user = user;
      conn.loginToken = params.token;
      return { user };
    },
    'session.clearLoginLock': (params, conn) => {
      const cleared = limiter.clear(params.username);
      engine.audit.append({ actor: actorLabel(conn), action: 'session.clearLoginLock', target: 'session', detail: { username: params.username, cleared } });
      return { cleared };
    },
    'session.logout': (_params, conn) => {
      if (conn.loginToken) engine.users.logout(conn.loginToken);
      if (conn.user) engine.audit.append({ actor: userLabel(conn.user), action: 'session.logout', target: 'session' });
      conn.user = undefined;
      conn.loginToken = undefined;
      return {};
    },
  };
}
