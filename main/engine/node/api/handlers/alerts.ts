// alerts.* and alert.*: the emergency queue as call takers work it. Answering, resuming and
// calling back also join this socket to the call's media (CallService).
import type { EngineContext } from '../../engine-context.js';
import { callTaker, type NamespaceHandlers } from '../connection-context.js';

export function alertHandlers(engine: EngineContext): NamespaceHandlers<'alert.' | 'alerts.'> {
  const { alerts, calls } = engine;
  return {
    'alerts.list': (params) => ({ alerts: alerts.list({ closed: params.closed }) }),
    'alert.answer': (params, conn) => {
      const alert = alerts.answer(params.alertId, callTaker(conn));
      calls.operatorActed(alert, conn, callTaker(conn));
      return { alert };
    },
    'alert.hold': (params, conn) => ({ alert: alerts.hold(params.alertId, callTaker(conn)) }),
    'alert.resume': (params, conn) => {
      const alert = alerts.resume(params.alertId, callTaker(conn));
      calls.operatorActed(alert, conn, callTaker(conn));
      return { alert };
    },
    'alert.hangup': (params, conn) => ({ alert: alerts.hangup(params.alertId, callTaker(conn)) }),
    'alert.callback': (params, conn) => {
      const alert = alerts.callback(params.alertId, callTaker(conn));
      calls.operatorActed(alert, conn, callTaker(conn));
      return { alert };
    },
    'alert.acknowledge': (params, conn) => ({
      alert: alerts.acknowledge(params.alertId, callTaker(conn), params.note, { requestKey: params.requestKey }),
    }),
    'alert.close': (params, conn) => ({
      alert: alerts.closeAlert(params.alertId, callTaker(conn), params.outcome, params.note, { requestKey: params.requestKey }),
    }),
  };
}
