// The console's picture of the emergency queue and the call boxes: loaded on every (re)connect
// (alerts.list, boxes.list) and kept current by alert.changed and box.changed. A pure reducer and
// selectors, so every rule about what the operator sees is testable without a browser.
import {
  compareAlerts,
  waitingStates,
  type Alert,
  type AlertState,
  type CallBoxSummary,
} from '../../../common/domain/alert.js';

/** Recently closed alerts kept for the "closed" list (and asked for in alerts.list). */
export const CLOSED_KEPT = 20;

export interface QueueState {
  alerts: ReadonlyMap<string, Alert>;
  boxes: ReadonlyMap<string, CallBoxSummary>;
  /** False until the first alerts.list answer, and again while the connection is down. */
  live: boolean;
}

export type QueueAction =
  | { type: 'alerts-loaded'; alerts: readonly Alert[] }
  | { type: 'alert-changed'; alert: Alert }
  | { type: 'boxes-loaded'; boxes: readonly CallBoxSummary[] }
  | { type: 'box-changed'; box: CallBoxSummary }
  | { type: 'connection-lost' };

export const emptyQueue: QueueState = { alerts: new Map(), boxes: new Map(), live: false };

export function reduceQueue(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case 'alerts-loaded':
      // The list is the whole truth as of now: alerts missing from it are gone (closed long ago).
      return { ...state, live: true, alerts: pruneClosed(new Map(action.alerts.map((alert) => [alert.id, alert]))) };
    case 'alert-changed': {
      const alerts = new Map(state.alerts);
      alerts.set(action.alert.id, action.alert);
      return { ...state, alerts: pruneClosed(alerts) };
    }
    case 'boxes-loaded':
      return { ...state, boxes: new Map(action.boxes.map((box) => [box.id, box])) };
    case 'box-changed': {
      const boxes = new Map(state.boxes);
      boxes.set(action.box.id, action.box);
      return { ...state, boxes };
    }
    case 'connection-lost':
      return state.live ? { ...state, live: false } : state;
  }
}

function pruneClosed(alerts: Map<string, Alert>): Map<string, Alert> {
  const closed = [...alerts.values()].filter((alert) => alert.state === 'closed');
  if (closed.length <= CLOSED_KEPT) return alerts;
  closed.sort(byClosedNewestFirst);
  for (const old of closed.slice(CLOSED_KEPT)) alerts.delete(old.id);
  return alerts;
}

function byClosedNewestFirst(a: Alert, b: Alert): number {
  return (b.closedAt ?? b.raisedAt) - (a.closedAt ?? a.raisedAt) || compareAlerts(a, b);
}

// ---- selectors ----

/** Every alert not yet closed, in queue order (panic first, then by arrival). */
export function openAlerts(state: QueueState): Alert[] {
  return [...state.alerts.values()].filter((alert) => alert.state !== 'closed').sort(compareAlerts);
}

/** Closed alerts, most recently closed first. */
export function closedAlerts(state: QueueState): Alert[] {
  return [...state.alerts.values()].filter((alert) => alert.state === 'closed').sort(byClosedNewestFirst);
}

/** Calls waiting for someone to pick up (ringing or escalated), in queue order. */
export function waitingAlerts(state: QueueState): Alert[] {
  return openAlerts(state).filter((alert) => waitingStates.includes(alert.state));
}

/** States in which an alert is this operator's call (the box and the operator are linked). */
const callStates: readonly AlertState[] = ['answered', 'on_hold'];
/** States in which the incident is still this operator's to handle (the grid shows its cameras). */
const incidentStates: readonly AlertState[] = ['answered', 'on_hold', 'dropped'];

export interface MyCalls {
  /** The call being talked on now (answered by me), or null. */
  talking: Alert | null;
  /** The call whose media this console sends and plays: talking, else one on hold. */
  media: Alert | null;
  /** The incident the grid shows: talking, else on hold, else dropped (waiting for a call-back). */
  incident: Alert | null;
}

export function myCalls(state: QueueState, me: string | null): MyCalls {
  if (me === null) return { talking: null, media: null, incident: null };
  const mine = openAlerts(state).filter((alert) => alert.operator === me);
  const first = (states: readonly AlertState[]): Alert | null => {
    for (const wanted of states) {
      const found = mine.find((alert) => alert.state === wanted);
      if (found) return found;
    }
    return null;
  };
  return { talking: first(['answered']), media: first(callStates), incident: first(incidentStates) };
}
