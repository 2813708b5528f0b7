// The wall form's text fields to and from what setup.saveWall takes. Only what the page must know
// to build a request is checked here (numbers are whole numbers). The wall's rules (sizes, how
// many displays a grid has, ids) are the protocol schema's, which the engine applies, and the
// page's engine client too before sending; a refusal is shown in its own words, at the fields it
// names, so the form never words a rule differently from the engine.
import type { WallDefinition } from '../../../common/domain/wall.js';
import type { FieldErrors } from './form-check.js';
import { defaultDisplayIds } from './wall-mapping.js';

export interface WallFormValues {
  id: string;
  name: string;
  columns: string;
  rows: string;
  widthMm: string;
  heightMm: string;
  bezelMm: string;
  /** Blank: "1"…"n", row by row. */
  displays: string;
}

export type WallField = keyof WallFormValues;

export const emptyWallForm: WallFormValues = { id: '', name: '', columns: '', rows: '', widthMm: '', heightMm: '', bezelMm: '', displays: '' };

export interface WallSaveParams {
  id: string;
  name: string;
  columns: number;
  rows: number;
  displays?: string[];
  display: { widthMm: number; heightMm: number; bezelMm: number };
}

export type WallFormChecked = { ok: true; params: WallSaveParams } | { ok: false; errors: FieldErrors };

const NUMBER_FIELDS = ['columns', 'rows', 'widthMm', 'heightMm', 'bezelMm'] as const;

/** Splits "1, 2 3" into ids; commas and spaces both separate. */
export function parseDisplayIds(text: string): string[] {
  return text.split(/[\s,]+/).filter((id) => id.length > 0);
}

/** The request for the engine, or the fields that cannot become one (not a whole number). */
export function wallFormParams(values: WallFormValues): WallFormChecked {
  const errors: Record<string, string> = {};
  const numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number>> = {};
  for (const field of NUMBER_FIELDS) {
    const text = values[field].trim();
    if (!/^-?\d+$/.test(text)) errors[field] = text === '' ? 'required' : 'a whole number';
    else numbers[field] = Number(text);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const displays = parseDisplayIds(values.displays);
  return {
    ok: true,
    params: {
      id: values.id.trim(),
      name: values.name.trim(),
      columns: numbers.columns!,
      rows: numbers.rows!,
      ...(displays.length > 0 ? { displays } : {}),
      display: { widthMm: numbers.widthMm!, heightMm: numbers.heightMm!, bezelMm: numbers.bezelMm! },
    },
  };
}

/** A saved wall back in the form, to edit it; default display ids are left blank so a new grid size gets its own. */
export function wallFormValues(wall: WallDefinition): WallFormValues {
  const defaults = defaultDisplayIds(wall.columns, wall.rows);
  const isDefault = wall.displays.length === defaults.length && wall.displays.every((id, i) => id === defaults[i]);
  return {
    id: wall.id,
    name: wall.name,
    columns: String(wall.columns),
    rows: String(wall.rows),
    widthMm: String(wall.display.widthMm),
    heightMm: String(wall.display.heightMm),
    bezelMm: String(wall.display.bezelMm),
    displays: isDefault ? '' : wall.displays.join(', '),
  };
}

const FIELD_OF_PATH: Readonly<Record<string, WallField>> = {
  id: 'id',
  name: 'name',
  columns: 'columns',
  rows: 'rows',
  displays: 'displays',
  'display.widthMm': 'widthMm',
  'display.heightMm': 'heightMm',
  'display.bezelMm': 'bezelMm',
};

/**
 * The fields a refused save names, each with its reason. Both checkers of the protocol's schema
 * word it alike: the engine as "setup.saveWall: <path>: <reason>", the page's engine client (which
 * checks with the same schema before sending) as "setup.saveWall: invalid params: <path>: <reason>;
 * …". A path like "displays.2" (one display id) is the displays field; a reason naming no field of
 * this form stays on the form's problem line only.
 */
export function refusalFields(message: string): Partial<Record<WallField, string>> {
  const issues = /^setup\.saveWall: (?:invalid params: )?(.+)$/s.exec(message)?.[1];
  const fields: Partial<Record<WallField, string>> = {};
  if (issues === undefined) return fields;
  for (const issue of issues.split(/; (?=[\w.]+: )/)) {
    const match = /^([\w.]+): (.+)$/s.exec(issue);
    if (!match) continue;
    const path = match[1]!.split('.');
    const field = FIELD_OF_PATH[path.slice(0, 2).join('.')] ?? FIELD_OF_PATH[path[0]!];
    if (field) fields[field] ??= match[2]!;
  }
  return fields;
}
