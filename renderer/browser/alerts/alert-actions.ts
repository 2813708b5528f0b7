// Which buttons an alert's row offers this operator (by the engine's own rules, alert-rules.ts),
// and how the engine's refusals read. The engine checks every one again; this only keeps buttons
// that would be refused off screen.
import type { Alert, Outcome } from '../../../common/domain/alert.js';
import type { ErrorCode } from '../../../common/errors.js';
import { acknowledgeRefusal, answerRefusal, callbackRefusal, closeRefusal, ownerRefusal } from '../../../common/domain/alert-rules.js';
import { takesCalls, type UserSummary } from '../../../common/domain/user.js';

export const alertActions = ['answer', 'hold', 'resume', 'hangup', 'callback', 'close'] as const;
export type AlertAction = (typeof alertActions)[number];

/** Each action is a method of the same name (close goes through the outcome dialog). */
export const actionMethods = {
  answer: 'alert.answer',
  hold: 'alert.hold',
  resume: 'alert.resume',
  hangup: 'alert.hangup',
  callback: 'alert.callback',
} as const satisfies Record<Exclude<AlertAction, 'close'>, string>;

export function actionsFor(alert: Alert, me: UserSummary): AlertAction[] {
  if (!takesCalls(me)) return [];
  const who = { name: me.username, role: me.role };
  const allowed = (action: AlertAction, refusal: string | undefined): AlertAction[] => (refusal === undefined ? [action] : []);
  switch (alert.state) {
    case 'ringing':
    case 'escalated':
      return [...allowed('answer', answerRefusal(alert, who)), ...allowed('close', closeRefusal(alert, who))];
    case 'answered':
      return ownerRefusal(alert, who) ? [] : ['hold', 'hangup'];
    case 'on_hold':
      return ownerRefusal(alert, who) ? [] : ['resume', 'hangup'];
    case 'dropped':
    case 'ended':
      return [...allowed('callback', callbackRefusal(alert, who)), ...allowed('close', closeRefusal(alert, who))];
    case 'closed':
      return [];
  }
}

/** Acknowledging ("seen, being dealt with") is offered once, while the alert is open. */
export function canAcknowledge(alert: Alert): boolean {
  return acknowledgeRefusal(alert) === undefined && alert.acknowledgedBy === undefined;
}

/**
 * What the answer button says. An operator already talking to a box who sees a panic call gets
 * one click to switch: answering it makes the engine put the other call on hold.
 */
export function answerLabel(alert: Alert, talking: Alert | null): string {
  if (talking && talking.id !== alert.id) return alert.kind === 'panic' ? 'Switch to panic call' : 'Hold current & answer';
  return 'Answer';
}

export const actionLabels: Record<Exclude<AlertAction, 'answer'>, string> = {
  hold: 'Hold',
  resume: 'Resume',
  hangup: 'Hang up',
  callback: 'Call back',
  close: 'Close…',
};

/** The engine's Conflict message is "taken by <name>". */
export function takenBy(message: string): string | null {
  const match = /taken by (.+)$/i.exec(message.trim());
  return match?.[1]?.trim() || null;
}

/** The line shown on an alert's row when an action on it fails. */
export function noticeFor(code: ErrorCode | null, message: string): string {
  if (code === 'Conflict') {
    const name = takenBy(message);
    return name ? `Taken by ${name}` : `Someone else got there first: ${message}`;
  }
  if (code === 'InvalidState') return `Not possible now: ${message}`;
  if (code === 'Forbidden') return `Not allowed: ${message}`;
  return message;
}

export const outcomeLabels: Record<Outcome, string> = {
  valid: 'Valid emergency',
  false_alarm: 'False alarm',
  test: 'Test',
  prank: 'Prank',
};
