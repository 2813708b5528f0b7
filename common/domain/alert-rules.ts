// Who may do what to an alert: the one set of rules the engine enforces (alerts/alert-queue.ts,
// a workstation's offline handlers) and the console follows to offer only the buttons that would
// be accepted. Each returns why `who` may not, or undefined when they may; the state checks a
// request also needs (is it still ringing? is it still this alert?) stay with the queue.
import { waitingStates, type Alert, type Role } from './alert.js';

export interface CallTaker {
  /** The user name, as an alert's `operator` holds it. */
  name: string;
  role: Role;
}

type Owned = Pick<Alert, 'state' | 'operator'>;

/** A waiting call: operators answer from the first ring; supervisors step in once it escalates. */
export function answerRefusal(alert: Owned, who: CallTaker): string | undefined {
  return who.role === 'supervisor' && alert.state === 'ringing' ? 'supervisors answer a call once it escalates' : undefined;
}

/** A call in progress (hold, resume, hang up) is only its operator's. */
export function ownerRefusal(alert: Owned, who: CallTaker): string | undefined {
  return alert.operator === who.name ? undefined : `this call is ${alert.operator}'s`;
}

/** A dropped or ended call is rung back by its operator, or by a supervisor. */
export function callbackRefusal(alert: Owned, who: CallTaker): string | undefined {
  return alert.operator === who.name || who.role === 'supervisor' ? undefined : `only ${alert.operator} or a supervisor may call back`;
}

/**
 * Why `who` may not close `alert`, or undefined when they may. An unanswered alert only a
 * supervisor may close: nothing anyone pressed may vanish from the queue unseen by one.
 */
export function closeRefusal(alert: Owned, who: CallTaker): string | undefined {
  if (alert.state === 'closed') return 'the alert is already closed';
  if (waitingStates.includes(alert.state)) return who.role === 'supervisor' ? undefined : 'only a supervisor may close an unanswered alert';
  if (alert.operator !== who.name && who.role !== 'supervisor') return `only ${alert.operator} or a supervisor may close this alert`;
  return undefined;
}

/** Any call taker acknowledges ("seen, being dealt with") while the alert is open, as often as they like. */
export function acknowledgeRefusal(alert: Pick<Alert, 'state'>): string | undefined {
  return alert.state === 'closed' ? 'the alert is already closed' : undefined;
}
