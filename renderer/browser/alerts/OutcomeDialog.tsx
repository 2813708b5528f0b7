// Closing a call records what it was: the outcome is chosen explicitly (no default, so a prank is
// never filed as valid by a hurried click) and a note is optional.
import { useState } from 'react';
import { Outcome, type Alert } from '../../../common/domain/alert.js';
import { outcomeLabels } from './alert-actions.js';

export interface OutcomeDialogProps {
  alert: Alert;
  where: string;
  /** Resolves to null when closed, else the reason it was not. */
  onSubmit: (outcome: Outcome, note: string) => Promise<string | null>;
  onCancel: () => void;
}

export function OutcomeDialog({ alert, where, onSubmit, onCancel }: OutcomeDialogProps) {
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (): void => {
    if (outcome === '') return;
    setSending(true);
    setProblem(null);
    void onSubmit(outcome, note).then((failure) => {
      setSending(false);
      if (failure !== null) setProblem(failure);
    });
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="outcome-title"
        data-testid="outcome-dialog"
        data-alert-id={alert.id}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id="outcome-title">Close the call from {where}</h2>
        <label>
          Outcome
          <select data-testid="outcome-select" value={outcome} onChange={(event) => setOutcome(event.target.value as Outcome | '')} autoFocus>
            <option value="" disabled>
              Choose…
            </option>
            {Outcome.options.map((value) => (
              <option key={value} value={value}>
                {outcomeLabels[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note
          <textarea data-testid="outcome-note" value={note} maxLength={2000} rows={4} onChange={(event) => setNote(event.target.value)} />
        </label>
        {problem ? (
          <p className="dialog-problem" role="alert">
            Not closed: {problem}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="outcome-submit" disabled={outcome === '' || sending}>
            {sending ? 'Closing…' : 'Close alert'}
          </button>
        </div>
      </form>
    </div>
  );
}
