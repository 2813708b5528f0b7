// A form's values and the problem beside each field. Typing in a field clears that field's
// problem only: the others stay until the next check.
import { useState, type Dispatch, type SetStateAction } from 'react';
import type { FieldErrors } from './form-check.js';

export interface FieldProps {
  name: string;
  value: string;
  onValue: (value: string) => void;
  problem: string | undefined;
}

/** What a form's check gives: the request, or a problem per field (form-check.ts, wall-form.ts). */
export type CheckOutcome = { ok: true } | { ok: false; errors: FieldErrors };

export interface FieldForm<V extends { [K in keyof V]: string }> {
  values: V;
  errors: FieldErrors;
  setValues: Dispatch<SetStateAction<V>>;
  setErrors: Dispatch<SetStateAction<FieldErrors>>;
  set: (field: keyof V & string) => (value: string) => void;
  /** What a FieldInput for this field is given. */
  field: (name: keyof V & string) => FieldProps;
  /** Shows a check's problems at their fields, or clears them all when it passed. */
  passed<C extends CheckOutcome>(checked: C): checked is Extract<C, { ok: true }>;
}

export function useFieldForm<V extends { [K in keyof V]: string }>(empty: V): FieldForm<V> {
  const [values, setValues] = useState<V>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (field: keyof V & string) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _, ...rest }) => rest);
  };
  const field = (name: keyof V & string): FieldProps => ({ name, value: values[name], onValue: set(name), problem: errors[name] });
  const passed = <C extends CheckOutcome>(checked: C): checked is Extract<C, { ok: true }> => {
    setErrors(checked.ok ? {} : checked.errors);
    return checked.ok;
  };
  return { values, errors, setValues, setErrors, set, field, passed };
}
