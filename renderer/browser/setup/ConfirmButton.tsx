// A destructive action asks once more, in words, next to the button (no browser dialog: it is
// easy to miss and tests cannot see it).
import { useState } from 'react';

export interface ConfirmButtonProps {
  label: string;
  /** e.g. "Revoke the key of Ghantaghar? Its kiosk is cut off at once." */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  busy?: boolean;
  testId: string;
  title?: string;
}

export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled = false, busy = false, testId, title }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="danger" data-testid={testId} disabled={disabled || busy} title={title} onClick={() => setAsking(true)}>
        {busy ? `${label}…` : label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className="danger"
        data-testid={`${testId}-confirm`}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" data-testid={`${testId}-cancel`} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
