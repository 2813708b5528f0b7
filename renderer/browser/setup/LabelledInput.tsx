// A text input inside its label, so a click on the words focuses it; it reports each new value.
import type { InputHTMLAttributes, ReactNode } from 'react';

export interface LabelledInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'children'> {
  label: string;
  value: string;
  onValue: (value: string) => void;
  testId: string;
  /** The label's class (none: the form's own layout of label and input). */
  labelClassName?: string;
  /** Shown after the input, inside the label (a field's problem). */
  children?: ReactNode;
}

export function LabelledInput({ label, value, onValue, testId, labelClassName, children, ...rest }: LabelledInputProps) {
  return (
    <label className={labelClassName}>
      {label}
      <input {...rest} value={value} data-testid={testId} onChange={(event) => onValue(event.target.value)} />
      {children}
    </label>
  );
}
