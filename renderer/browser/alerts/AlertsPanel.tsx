// The console's right-hand column: who is taking calls here, the call in progress, the queue and
// the map of boxes.
import { useState } from 'react';
import type { Alert } from '../../../common/domain/alert.js';
import type { CallMedia } from '../media/call-media.js';
import { BoxMap } from './BoxMap.js';
import { CallPanel } from './CallPanel.js';
import { takesCalls } from '../../../common/domain/user.js';
import { LoginForm } from '../login/LoginForm.js';
import type { OperatorLink } from '../login/operator-link.js';
import { QueuePanel } from './QueuePanel.js';
import { waitingAlerts } from './queue-state.js';
import type { CallDesk } from './use-call-desk.js';
import { UserLine } from '../login/UserLine.js';

export function AlertsPanel({ desk, link, media }: { desk: CallDesk; link: OperatorLink; media: CallMedia }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { user, loginState, queue, calls } = desk;
  if (!user || loginState.kind === 'needs-login' || loginState.kind === 'refused') {
    return (
      <aside className="alerts-side">
        <LoginForm state={loginState} onSubmit={(username, password) => link.login(username, password)} />
      </aside>
    );
  }
  const operatorLine = <UserLine user={user} loginState={loginState} onLogout={() => void link.logout()} />;
  if (!takesCalls(user)) {
    return (
      <aside className="alerts-side">
        {operatorLine}
        <p className="identity-problem" data-testid="no-calls-role">
          A {user.role} account does not take calls. Log in as an operator or supervisor to answer call boxes.
        </p>
      </aside>
    );
  }
  const selected = (selectedId ? queue.alerts.get(selectedId) : undefined) ?? calls.media ?? null;
  const ringing = new Set(waitingAlerts(queue).map((alert) => alert.boxId));
  const select = (alert: Alert): void => setSelectedId((current) => (current === alert.id ? null : alert.id));
  return (
    <aside className="alerts-side">
      {operatorLine}
      {calls.media ? <CallPanel media={media} alert={calls.media} box={queue.boxes.get(calls.media.boxId)} /> : null}
      <QueuePanel desk={desk} me={user} selectedId={selected?.id ?? null} onSelect={select} />
      <BoxMap boxes={queue.boxes} ringing={ringing} selected={selected?.boxId ?? null} />
    </aside>
  );
}
