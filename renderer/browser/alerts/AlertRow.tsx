// One alert in the queue: which box, what kind, its state and who has it, how long since it was
// raised, and the buttons its state allows. Panic rows look different in more than colour.
import type { Alert, CallBoxSummary } from '../../../common/domain/alert.js';
import { actionLabels, actionsFor, answerLabel, canAcknowledge, type AlertAction } from './alert-actions.js';
import { boxLine, formatElapsed, kindLabels, stateLabels } from './alert-words.js';
import type { UserSummary } from '../../../common/domain/user.js';

export interface AlertRowProps {
  alert: Alert;
  box: CallBoxSummary | undefined;
  me: UserSummary;
  talking: Alert | null;
  now: number;
  notice: string | undefined;
  busy: boolean;
  selected: boolean;
  onSelect: (alert: Alert) => void;
  onAction: (alert: Alert, action: AlertAction) => void;
  onAcknowledge: (alert: Alert) => void;
  onDismissNotice: (alertId: string) => void;
}

export function AlertRow(props: AlertRowProps) {
  const { alert, box, me, talking, now, notice, busy, selected } = props;
  const actions = actionsFor(alert, me);
  const classes = ['alert-row', `alert-${alert.kind}`, `alert-state-${alert.state}`, selected ? 'alert-selected' : '']
    .filter(Boolean)
    .join(' ');
  const who = alert.operator ? (alert.operator === me.username ? 'you' : alert.operator) : null;
  const ackedBy = alert.acknowledgedBy === undefined ? null : alert.acknowledgedBy === me.username ? 'you' : alert.acknowledgedBy;
  return (
    <li
      className={classes}
      // Closed alerts sit in their own list: "alert-row" is an open alert, and only that.
      data-testid={alert.state === 'closed' ? 'closed-alert-row' : 'alert-row'}
      data-alert-id={alert.id}
      data-box-id={alert.boxId}
      data-kind={alert.kind}
      data-state={alert.state}
      data-operator={alert.operator ?? ''}
      aria-selected={selected}
      onClick={() => props.onSelect(alert)}
    >
      <span className="alert-kind">{alert.kind === 'panic' ? `⚠ ${kindLabels.panic}` : kindLabels.emergency}</span>
      <span className="alert-box" title={alert.boxId}>
        {boxLine(alert, box)}
      </span>
      <span className="alert-status">
        {stateLabels[alert.state]}
        {who ? ` · ${who}` : ''}
      </span>
      <span className="alert-timer" data-testid="alert-timer" title="Since the button was pressed">
        {alert.state === 'closed' ? '' : formatElapsed(alert.raisedAt, now)}
      </span>
      {ackedBy !== null ? (
        <span className="alert-acked" data-testid={`alert-acked-${alert.id}`}>
          acknowledged by {ackedBy}
        </span>
      ) : null}
      {actions.length > 0 || canAcknowledge(alert) ? (
        <span className="alert-buttons">
          {canAcknowledge(alert) ? (
            <button
              type="button"
              className="alert-action action-acknowledge"
              data-testid={`alert-ack-${alert.id}`}
              disabled={busy}
              onClick={(event) => {
                event.stopPropagation();
                props.onAcknowledge(alert);
              }}
            >
              Acknowledge
            </button>
          ) : null}
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`alert-action action-${action}${action === 'answer' && alert.kind === 'panic' ? ' action-urgent' : ''}`}
              data-testid={`alert-${action}`}
              disabled={busy}
              onClick={(event) => {
                event.stopPropagation();
                props.onAction(alert, action);
              }}
            >
              {action === 'answer' ? answerLabel(alert, talking) : actionLabels[action]}
            </button>
          ))}
        </span>
      ) : null}
      {notice ? (
        <span className="alert-notice" data-testid="alert-notice" role="alert">
          {notice}
          <button
            type="button"
            className="alert-notice-dismiss"
            title="Dismiss"
            onClick={(event) => {
              event.stopPropagation();
              props.onDismissNotice(alert.id);
            }}
          >
            ×
          </button>
        </span>
      ) : null}
    </li>
  );
}
