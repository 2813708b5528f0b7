// sync.*: a workstation engine delivers what its operators did while the site was unreachable.
import type { Alert } from '../../../../../common/domain/alert.js';
import { takesCalls } from '../../../../../common/domain/user.js';
import { JharokhaError } from '../../../../../common/errors.js';
import type { ParsedParams } from '../../../../../common/protocol/methods.js';
import type { Actor } from '../../alerts/alert-queue.js';
import type { EngineContext } from '../../engine-context.js';
import { userLabel, type ConnectionContext, type NamespaceHandlers } from '../connection-context.js';

export function syncHandlers(engine: EngineContext): NamespaceHandlers<'sync.'> {
  return {
    'sync.deliver': (params, conn) => {
      const alert = deliver(engine, params, conn);
      return alert ? { alert } : {};
    },
  };
}

/**
 * Applied now as the operator who did it (who must still be active and take calls), once per
 * requestKey. A refusal (the alert closed meanwhile, say) goes back as the usual typed error for
 * the workstation to show.
 */
function deliver(engine: EngineContext, params: ParsedParams<'sync.deliver'>, conn: ConnectionContext): Alert | undefined {
  if (conn.principal.kind !== 'workstation') throw new JharokhaError('Forbidden', 'only a workstation engine may deliver');
  const user = engine.users.get(params.username);
  if (!user) throw new JharokhaError('Forbidden', `no active user ${params.username}`);
  if (!takesCalls(user)) throw new JharokhaError('Forbidden', `${user.username} is ${user.role} and takes no calls`);
  const actor: Actor = { name: user.username, role: user.role, via: { workstationId: conn.principal.workstationId, at: params.at } };
  const { action, requestKey } = params;
  if (action.method === 'session.carry') {
    engine.users.carryLogin(user.username, action.params);
    const label = `${userLabel(user)} via workstation:${conn.principal.workstationId}`;
    engine.audit.append({ actor: label, action: 'session.login', target: 'session', detail: { carried: true, workstation: conn.principal.workstationId, at: params.at } });
    return undefined;
  }
  if (action.method === 'alert.acknowledge') return engine.alerts.acknowledge(action.params.alertId, actor, action.params.note, { requestKey });
  return engine.alerts.closeAlert(action.params.alertId, actor, action.params.outcome, action.params.note, { requestKey });
}
