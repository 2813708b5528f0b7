// The end of a setup form: a warning when saving would replace what exists, the button that sends
// the form, the engine's refusal, then what the form says once it is done (the children).
import type { ReactNode } from 'react';
import { ActionButton } from './ActionButton.js';
import { Problem } from './Problem.js';
import type { Action } from './use-action.js';

export interface FormEndProps {
  action: Action;
  ready: boolean;
  /** Shown before the button; null when nothing would be replaced. */
  warning: { testId: string; text: string } | null;
  submitTestId: string;
  submitLabel: string;
  busyLabel: string;
  problemTestId: string;
  children?: ReactNode;
}

export function FormEnd({ action, ready, warning, submitTestId, submitLabel, busyLabel, problemTestId, children }: FormEndProps) {
  return (
    <div className="setup-form-end">
      {warning ? (
        <p className="setup-warning" data-testid={warning.testId}>
          {warning.text}
        </p>
      ) : null}
      <ActionButton submit primary action={action} ready={ready} label={submitLabel} busyLabel={busyLabel} testId={submitTestId} />
      <Problem text={action.problem} testId={problemTestId} />
      {children}
    </div>
  );
}
