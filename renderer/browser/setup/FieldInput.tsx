// A labelled text input with its own problem beside it (from the shared schema's check).
import type { InputHTMLAttributes } from 'react';
import { LabelledInput } from './LabelledInput.js';

export interface FieldInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  problem?: string;
  testId: string;
}

export function FieldInput({ label, name, value, onValue, problem, testId, ...rest }: FieldInputProps) {
  const problemId = `${testId}-problem`;
  return (
    <LabelledInput
      {...rest}
      labelClassName="setup-field"
      label={label}
      name={name}
      value={value}
      onValue={onValue}
      testId={testId}
      aria-invalid={problem ? true : undefined}
      aria-describedby={problem ? problemId : undefined}
    >
      {problem ? (
        <span className="field-problem" id={problemId} data-testid={problemId}>
          {problem}
        </span>
      ) : null}
    </LabelledInput>
  );
}
