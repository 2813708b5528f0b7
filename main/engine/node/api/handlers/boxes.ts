// box.* (a kiosk, for its own box only) and boxes.* (call takers: every box and its state).
import { JharokhaError } from '../../../../../common/errors.js';
import type { EngineContext } from '../../engine-context.js';
import type { ConnectionContext, NamespaceHandlers } from '../connection-context.js';

function boxOf(conn: ConnectionContext): string {
  if (conn.principal.kind !== 'box') throw new JharokhaError('Forbidden', 'only a call box may do this');
  return conn.principal.boxId;
}

export function boxHandlers(engine: EngineContext): NamespaceHandlers<'box.' | 'boxes.'> {
  const { alerts, calls } = engine;
  return {
    'boxes.list': () => ({ boxes: calls.summaries() }),
    'box.press': (params, conn) => {
      const boxId = boxOf(conn);
      if (params.boxId !== undefined && params.boxId !== boxId) {
        throw new JharokhaError('Forbidden', `this kiosk is box ${boxId}, not ${params.boxId}`);
      }
      return { alert: alerts.press({ boxId, kind: params.kind, pressId: params.pressId, pressedAt: params.pressedAt }) };
    },
    'box.status': (_params, conn) => {
      const boxId = boxOf(conn);
      const box = calls.summary(boxId);
      if (!box) throw new JharokhaError('NotFound', `no box ${boxId}`);
      const alert = alerts.currentForBox(boxId);
      return alert ? { box, alert } : { box };
    },
  };
}
