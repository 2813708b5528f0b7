// The installer's camera inventory import: a CSV the city hands over, checked row by row. Every
// bad row is reported with its line, the camera id when there is one, and why; the good rows go in
// even when others are bad. Re-importing the same file writes nothing. A dry run says what would
// change without writing. Whatever is wrong with the file as a whole (not UTF-8, no header,
// unknown columns, an unterminated quote, too big) throws CameraImportInputError instead.
// Credentials written into a URL move into the sealed username/password fields
// (store/url-credentials.ts); a row whose URL and columns give different ones is bad.
import { cameraCategories } from '../../../../common/domain/camera.js';
import { JharokhaError } from '../../../../common/errors.js';
import {
  CAMERA_CSV_COLUMNS,
  type CameraCsvColumn,
  type CameraImportReport,
  type ImportRowError,
} from '../../../../common/protocol/setup-http.js';
import type { AuditLog } from '../store/audit-log.js';
import { CameraRecord, type CameraRepo } from '../store/camera-repo.js';
import { moveUrlCredentials } from '../store/url-credentials.js';
import { CsvSyntaxError, parseCsv } from './csv.js';

// The columns and the report are the protocol's: the /setup page reads the same schema.
export { CAMERA_CSV_COLUMNS, type CameraCsvColumn, type CameraImportReport, type ImportRowError };

const REQUIRED_COLUMNS: readonly CameraCsvColumn[] = ['id', 'name', 'category', 'lat', 'lon', 'main_url'];

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}

/** A city's inventory is ~5,000 rows (~1 MB); ten times that is surely a mistake. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 50_000 };

/** The file as a whole cannot be used. `tooLarge` maps to HTTP 413, the rest to 400. */
export class CameraImportInputError extends JharokhaError {
  constructor(
    readonly tooLarge: boolean,
    message: string,
  ) {
    super('BadRequest', message);
  }
}

export interface ParsedInventory {
  rows: number;
  records: { line: number; record: CameraRecord }[];
  errors: ImportRowError[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(input: string | Uint8Array, limits: ImportLimits): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > limits.maxBytes) {
    throw new CameraImportInputError(true, `the file is ${size(bytes)}; the import takes at most ${size(limits.maxBytes)} (split it)`);
  }
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return utf8.decode(input); // drops a leading BOM
  } catch {
    throw new CameraImportInputError(false, 'the file is not UTF-8 text: save it as "CSV UTF-8"');
  }
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function headerIndex(fields: string[]): Header {
  const index = new Map<CameraCsvColumn, number>();
  const unknown: string[] = [];
  fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(CAMERA_CSV_COLUMNS as readonly string[]).includes(name)) {
      unknown.push(raw.trim() === '' ? `(empty, column ${i + 1})` : `"${raw.trim()}"`);
    } else if (index.has(name as CameraCsvColumn)) {
      throw new CameraImportInputError(false, `line 1: column "${name}" appears twice`);
    } else {
      index.set(name as CameraCsvColumn, i);
    }
  });
  if (unknown.length > 0) {
    throw new CameraImportInputError(
      false,
      `line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the columns are ${CAMERA_CSV_COLUMNS.join(',')}`,
    );
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new CameraImportInputError(false, `line 1: the header lacks ${missing.join(', ')} (is the first line the header row?)`);
  }
  return index;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const ID = /^[a-z0-9][a-z0-9-]*$/;

type Header = Map<CameraCsvColumn, number>;

function field(header: Header, fields: readonly string[], column: CameraCsvColumn): string {
  const i = header.get(column);
  return i === undefined ? '' : (fields[i] ?? '');
}

function coordinate(text: string, column: 'lat' | 'lon', limit: number, reasons: string[]): number {
  if (!NUMBER.test(text)) {
    reasons.push(text ? `${column} "${text}" is not a number` : `missing ${column}`);
    return Number.NaN;
  }
  const value = Number(text);
  if (Math.abs(value) > limit) reasons.push(`${column} ${text} is out of range (-${limit}..${limit})`);
  return value;
}

function optional(text: string): string | undefined {
  return text === '' ? undefined : text;
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0', '']);

function yesNo(text: string, column: CameraCsvColumn, reasons: string[]): boolean {
  const value = text.trim().toLowerCase();
  if (!YES.has(value) && !NO.has(value)) reasons.push(`${column} "${text}" is not yes or no`);
  return YES.has(value);
}

// The checks in checkRow already explain these fields better than the schema's messages.
const explained = new Set(['id', 'name', 'category', 'lat', 'lon', 'transport']);

/** Checks one row's values; returns the record or every reason it is bad. */
function checkRow(header: Header, fields: readonly string[]): { record: CameraRecord } | { reasons: string[] } {
  const get = (column: CameraCsvColumn): string => field(header, fields, column);
  const reasons: string[] = [];
  const id = get('id').trim();
  if (!id) reasons.push('missing id');
  else if (!ID.test(id) || id.length > 64) reasons.push(`id "${id}" is not lower-case letters, digits and dashes (at most 64)`);
  const name = get('name').trim();
  if (!name) reasons.push('missing name');
  const categoryText = get('category').trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (!(cameraCategories as readonly string[]).includes(categoryText)) {
    reasons.push(`category "${get('category')}" is not one of ${cameraCategories.join(', ')}`);
  }
  const lat = coordinate(get('lat').trim(), 'lat', 90, reasons);
  const lon = coordinate(get('lon').trim(), 'lon', 180, reasons);
  const transport = get('transport').trim().toLowerCase() || 'tcp';
  if (transport !== 'tcp' && transport !== 'udp') reasons.push(`transport "${get('transport')}" is not tcp or udp`);
  const allowBasicAuth = yesNo(get('allow_basic_auth'), 'allow_basic_auth', reasons);
  const written = {
    id,
    name,
    place: get('place').trim(),
    category: categoryText,
    lat,
    lon,
    mainUrl: get('main_url').trim(),
    subUrl: optional(get('sub_url').trim()),
    // Credentials are taken exactly as written: a space may be part of a password.
    username: optional(get('username')),
    password: optional(get('password')),
    onvifUrl: optional(get('onvif_url').trim()),
    transport,
    allowBasicAuth,
  };
  const moved = moveUrlCredentials(written);
  if ('conflict' in moved) return { reasons: [...reasons, moved.conflict] };
  const input = moved.camera;
  const parsed = CameraRecord.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (!explained.has(key)) reasons.push(`${columnOf[key] ?? key}: ${describeIssue(key, issue.message, input)}`);
    }
    if (reasons.length === 0) reasons.push(parsed.error.issues.map((i) => i.message).join('; '));
  }
  return reasons.length > 0 || !parsed.success ? { reasons } : { record: parsed.data };
}

const columnOf: Record<string, CameraCsvColumn> = { mainUrl: 'main_url', subUrl: 'sub_url', onvifUrl: 'onvif_url', place: 'place', username: 'username', password: 'password' };

function describeIssue(field: string, message: string, input: Record<string, unknown>): string {
  // Never echo a credential, even in an error report.
  if (field === 'username' || field === 'password') return message;
  const value = input[field];
  if (field === 'mainUrl' && value === '') return 'missing';
  return typeof value === 'string' && value.length <= 120 ? `${message} ("${maskUserinfo(value)}")` : message;
}

function maskUserinfo(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^/@\s]*@/i, '$1***@');
}

/** Parses and checks the file without touching the store. */
export function parseCameraInventory(input: string | Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): ParsedInventory {
  const text = decode(input, limits);
  const records: ParsedInventory['records'] = [];
  const errors: ImportRowError[] = [];
  const firstLine = new Map<string, number>();
  let header: Header | undefined;
  let width = 0;
  let rows = 0;
  try {
    for (const { line, fields } of parseCsv(text)) {
      if (fields.length === 1 && fields[0]!.trim() === '') continue; // blank line
      if (!header) {
        header = headerIndex(fields);
        width = fields.length;
        continue;
      }
      if (++rows > limits.maxRows) {
        throw new CameraImportInputError(true, `the file has more than ${limits.maxRows} rows; the import takes at most that many (split it)`);
      }
      const rawId = field(header, fields, 'id').trim();
      const knownId = ID.test(rawId) && rawId.length <= 64 ? rawId : undefined;
      const previous = knownId === undefined ? undefined : firstLine.get(knownId);
      if (knownId !== undefined && previous === undefined) firstLine.set(knownId, line);
      let reason: string | undefined;
      if (fields.length !== width) {
        reason = `has ${fields.length} fields where the header has ${width} (a missing comma, or an unquoted comma in a value?)`;
      } else if (previous !== undefined) {
        reason = `duplicate id: line ${previous} has the same camera`;
      } else {
        const checked = checkRow(header, fields);
        if ('reasons' in checked) reason = checked.reasons.join('; ');
        else records.push({ line, record: checked.record });
      }
      if (reason !== undefined) errors.push(knownId ? { line, id: knownId, reason } : { line, reason });
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new CameraImportInputError(false, error.message);
    throw error;
  }
  if (!header) throw new CameraImportInputError(false, `the file is empty: it needs a header row (${CAMERA_CSV_COLUMNS.join(',')})`);
  return { rows, records, errors };
}

export interface ImportOptions {
  dryRun?: boolean;
  limits?: ImportLimits;
  /** Who to record in the audit trail for a real import (e.g. installer:asha). */
  audit?: { log: AuditLog; actor: string };
}

/**
 * Imports the file's good rows in one transaction, the audit entry included, and reports every
 * bad row. Rows already stored exactly so are left alone (their updated_at too).
 */
export function importCameraInventory(cameras: CameraRepo, input: string | Uint8Array, options: ImportOptions = {}): CameraImportReport {
  return applyCameraInventory(cameras, parseCameraInventory(input, options.limits), options);
}

/**
 * The store half of importCameraInventory, for a caller that parsed first (the HTTP route lets the
 * event loop breathe between the two: at 5,000 rows each half holds it for ~60-130 ms).
 */
export function applyCameraInventory(cameras: CameraRepo, parsed: ParsedInventory, options: Omit<ImportOptions, 'limits'> = {}): CameraImportReport {
  const dryRun = options.dryRun ?? false;
  const { audit } = options;
  const counts = cameras.reconcile(
    parsed.records.map((r) => r.record),
    {
      dryRun,
      inTransaction: (c) => {
        audit?.log.append({
          actor: audit.actor,
          action: 'setup.importCameras',
          target: 'cameras',
          detail: { inserted: c.inserted, updated: c.updated, unchanged: c.unchanged, errors: parsed.errors.length },
        });
      },
    },
  );
  return { dryRun, rows: parsed.rows, ...counts, errors: parsed.errors };
}
