// The button that starts an action (use-action.ts): it says what is happening while the engine
// works, and cannot be pressed again until it answers.
import type { Action } from './use-action.js';

export interface ActionButtonProps {
  action: Action;
  ready: boolean;
  label: string;
  busyLabel: string;
  testId: string;
  /** Sends its form instead of running onClick. */
  submit?: boolean;
  primary?: boolean;
  onClick?: () => void;
}

export function ActionButton({ action, ready, label, busyLabel, testId, submit = false, primary = false, onClick }: ActionButtonProps) {
  return (
    <button type={submit ? 'submit' : 'button'} className={primary ? 'primary' : undefined} data-testid={testId} disabled={!ready || action.busy} onClick={onClick}>
      {action.busy ? busyLabel : label}
    </button>
  );
}
