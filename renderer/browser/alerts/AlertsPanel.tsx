// The console's right-hand column: who is taking calls here, the call in progress, the queue and
// the map of boxes.
import { useState } from 'react';
import type { Alert } from '../../../common/domain/alert.js';
import type { CallMedia } from '../media/call-media.js';
import { BoxMap } from './BoxMap.js';
import { CallPanel } from './CallPanel.js';
import { IdentityForm } from './IdentityForm.js';
import type { OperatorLink } from './operator-link.js';
import { QueuePanel } from './QueuePanel.js';
import { waitingAlerts } from './queue-state.js';
import type { CallDesk } from './use-call-desk.js';

export function AlertsPanel({ desk, link, media }: { desk: CallDesk; link: OperatorLink; media: CallMedia }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { identity, identifyState, queue, calls } = desk;
  if (!identity || identifyState.kind === 'needs-name' || identifyState.kind === 'refused') {
    return (
      <aside className="alerts-side">
        <IdentityForm state={identifyState} onSubmit={(next) => link.setIdentity(next)} />
      </aside>
    );
  }
  const selected = (selectedId ? queue.alerts.get(selectedId) : undefined) ?? calls.media ?? null;
  const ringing = new Set(waitingAlerts(queue).map((alert) => alert.boxId));
  const select = (alert: Alert): void => setSelectedId((current) => (current === alert.id ? null : alert.id));
  return (
    <aside className="alerts-side">
      <div className="operator-line" data-testid="operator" data-operator={identity.name} data-role={identity.role} data-identified={identifyState.kind === 'identified'}>
        {identity.name} · {identity.role}
        {identifyState.kind === 'identifying' ? ' · signing in…' : identifyState.kind === 'offline' ? ' · offline' : ''}
      </div>
      {calls.media ? <CallPanel media={media} alert={calls.media} box={queue.boxes.get(calls.media.boxId)} /> : null}
      <QueuePanel desk={desk} me={identity} selectedId={selected?.id ?? null} onSelect={select} />
      <BoxMap boxes={queue.boxes} ringing={ringing} selected={selected?.boxId ?? null} />
    </aside>
  );
}
