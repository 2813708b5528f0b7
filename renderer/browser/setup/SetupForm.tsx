// A form of the installer's fields. The protocol's schema checks them (form-check.ts) and its
// words appear beside each field, so the browser's own validation bubbles are turned off.
import type { ReactNode } from 'react';

export interface SetupFormProps {
  testId: string;
  label: string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}

export function SetupForm({ testId, label, onSubmit, children }: SetupFormProps) {
  return (
    <form
      className="setup-form setup-form-grid"
      data-testid={testId}
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
