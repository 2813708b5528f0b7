// Checks a form with the protocol's own schema before anything is sent, so the installer sees
// what is wrong next to the field instead of a refusal from the engine.
import type { z } from 'zod';
import { methods } from '../../../common/protocol/methods.js';

export type FieldErrors = Readonly<Record<string, string>>;
export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** One message per field (the first), worded for a person rather than a schema. */
export function checkWith<S extends z.ZodTypeAny>(schema: S, values: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= wording(issue);
  }
  return { ok: false, errors };
}

/** zod's own messages, as opposed to the ones our schemas wrote for people. */
const ZOD_DEFAULT = /^(String must|Number must|Array must|Expected|Required|Invalid)/;

function wording(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_type' && (issue.received === 'undefined' || issue.received === 'null')) return 'required';
  if (issue.code === 'invalid_type' && issue.received === 'nan') return 'not a number';
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  if (issue.code === 'too_small' && issue.type === 'string' && issue.minimum === 1) return 'required';
  if (issue.code === 'too_small' && issue.type === 'string') return `at least ${String(issue.minimum)} characters`;
  if (issue.code === 'too_big' && issue.type === 'string') return `at most ${String(issue.maximum)} characters`;
  if (issue.code === 'too_small' && issue.type === 'number') return `at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && issue.type === 'number') return `at most ${String(issue.maximum)}`;
  return issue.message;
}

/** A number typed into a text field: blank is absent, anything else must read as a number. */
function numberField(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

export interface BoxFormValues {
  id: string;
  name: string;
  place: string;
  lat: string;
  lon: string;
  cameraId: string;
}

export type BoxRegistration = z.output<(typeof methods)['setup.registerBox']['params']>;

export function checkBoxForm(values: BoxFormValues): Checked<BoxRegistration> {
  const cameraId = values.cameraId.trim();
  return checkWith(methods['setup.registerBox'].params, {
    id: values.id.trim(),
    name: values.name.trim(),
    place: values.place.trim(),
    lat: numberField(values.lat),
    lon: numberField(values.lon),
    ...(cameraId ? { cameraId } : {}),
  });
}

export interface UserFormValues {
  username: string;
  displayName: string;
  role: string;
  password: string;
}

export type UserSave = z.output<(typeof methods)['setup.saveUser']['params']>;

export function checkUserForm(values: UserFormValues): Checked<UserSave> {
  return checkWith(methods['setup.saveUser'].params, values);
}
