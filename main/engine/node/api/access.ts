// Who may call what, checked in the engine for every request (never only in the UI). A console
// holds the site token; a kiosk holds only its own box's key and may touch nothing but its box's
// calls. Call-handling methods also need a named operator (session.identify), and some a role.
import type { Role } from '../../../../common/domain/alert.js';
import { JharokhaError } from '../../../../common/errors.js';
import type { MethodName } from '../../../../common/protocol/methods.js';
import type { Actor } from '../alerts/alert-queue.js';

export type Principal = { kind: 'console' } | { kind: 'box'; boxId: string };

/**
 * console: any console session; operator: a console that has named its operator;
 * supervisor: a console identified with that role; box: a kiosk; party: either side of a call;
 * any: every authenticated session (walls, consoles and kiosks all load the router's codecs).
 */
type Access = 'any' | 'console' | 'operator' | 'supervisor' | 'box' | 'party';

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
  'session.identify': 'console',
  'boxes.list': 'operator',
  'alerts.list': 'operator',
  'alert.answer': 'operator',
  'alert.hold': 'operator',
  'alert.resume': 'operator',
  'alert.hangup': 'operator',
  'alert.callback': 'operator',
  'alert.close': 'operator',
  'audit.list': 'supervisor',
  'box.press': 'box',
  'box.status': 'box',
  'call.createTransports': 'party',
  'call.connectTransport': 'party',
  'call.produce': 'party',
  'call.resumeConsumer': 'party',
};

const roleRank: Record<Role, number> = { operator: 0, supervisor: 1 };

export function checkAccess(method: MethodName, principal: Principal, actor: Actor | undefined): void {
  const needed = access[method];
  const isBox = principal.kind === 'box';
  const refuse = (why: string): never => {
    throw new JharokhaError('Forbidden', `${method}: ${why}`);
  };
  switch (needed) {
    case 'any':
      return;
    case 'box':
      if (!isBox) refuse('only a call box may do this');
      return;
    case 'console':
      if (isBox) refuse('a call box may not do this');
      return;
    case 'party':
      if (!isBox && !actor) refuse('identify the operator first (session.identify)');
      return;
    case 'operator':
    case 'supervisor':
      if (isBox) refuse('a call box may not do this');
      if (!actor) refuse('identify the operator first (session.identify)');
      if (needed === 'supervisor' && roleRank[actor!.role] < roleRank.supervisor) refuse('supervisors only');
      return;
  }
}
