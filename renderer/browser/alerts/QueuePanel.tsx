// The emergency queue: every open alert in queue order (panic first), then the recently closed.
import { useState } from 'react';
import type { Alert } from '../../../common/domain/alert.js';
import { useNow } from '../ui/use-now.js';
import type { AlertAction } from './alert-actions.js';
import { boxLine } from './alert-words.js';
import { AlertRow } from './AlertRow.js';
import type { UserSummary } from '../../../common/domain/user.js';
import { OutcomeDialog } from './OutcomeDialog.js';
import { closedAlerts, openAlerts } from './queue-state.js';
import type { CallDesk } from './use-call-desk.js';

export interface QueuePanelProps {
  desk: CallDesk;
  me: UserSummary;
  selectedId: string | null;
  onSelect: (alert: Alert) => void;
}

export function QueuePanel({ desk, me, selectedId, onSelect }: QueuePanelProps) {
  const [closing, setClosing] = useState<Alert | null>(null);
  const open = openAlerts(desk.queue);
  const closed = closedAlerts(desk.queue);
  useNow(1_000, open.length > 0);
  const now = Date.now();

  const onAction = (alert: Alert, action: AlertAction): void => {
    if (action === 'close') setClosing(alert);
    else desk.act(alert, action);
  };

  const row = (alert: Alert) => (
    <AlertRow
      key={alert.id}
      alert={alert}
      box={desk.queue.boxes.get(alert.boxId)}
      me={me}
      talking={desk.calls.talking}
      now={now}
      notice={desk.notices.get(alert.id)}
      busy={desk.inFlight.has(alert.id)}
      selected={alert.id === selectedId}
      onSelect={onSelect}
      onAction={onAction}
      onAcknowledge={desk.acknowledge}
      onDismissNotice={desk.dismissNotice}
    />
  );

  // The dialog follows the alert as it changes; it goes if the alert is closed meanwhile.
  const closingNow = closing ? desk.queue.alerts.get(closing.id) : undefined;
  return (
    <section className="queue-panel" aria-label="Emergency queue" data-testid="queue" data-live={desk.queue.live}>
      <h2>
        Queue <span className="queue-count">{open.length === 0 ? 'no open calls' : `${open.length} open`}</span>
      </h2>
      {!desk.queue.live ? <p className="queue-stale">Loading the queue…</p> : null}
      <ul className="alert-list">{open.map(row)}</ul>
      {closed.length > 0 ? (
        <details className="closed-alerts">
          <summary>Recently closed ({closed.length})</summary>
          <ul className="alert-list">{closed.map(row)}</ul>
        </details>
      ) : null}
      {closingNow && closingNow.state !== 'closed' ? (
        <OutcomeDialog
          alert={closingNow}
          where={boxLine(closingNow, desk.queue.boxes.get(closingNow.boxId))}
          onCancel={() => setClosing(null)}
          onSubmit={async (outcome, note) => {
            const failure = await desk.close(closingNow, outcome, note);
            if (failure === null) setClosing(null);
            return failure;
          }}
        />
      ) : null}
    </section>
  );
}
