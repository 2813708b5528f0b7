// What the installer is told about a camera import: the engine's answer to the CSV upload read
// into a report or a plain refusal, and the report's counts in words.
import { WireErrorSchema } from '../../../common/protocol/envelope.js';
import { CAMERA_IMPORT_PATH, CameraImportReport } from '../../../common/protocol/setup-http.js';

export type ImportOutcome = { kind: 'report'; report: CameraImportReport } | { kind: 'refused'; status: number; message: string };

export function importPath(dryRun: boolean): string {
  return `${CAMERA_IMPORT_PATH}?dryRun=${dryRun ? 1 : 0}`;
}

/** What each refusal means for the installer; the engine's own words follow. */
const leads: Record<number, string> = {
  400: 'The file cannot be imported',
  401: 'Your login is no longer accepted (it expired, or the engine restarted): log out and log in again',
  403: 'Only an installer may import cameras',
  413: 'The file is too large for one import: split it into smaller files',
  415: 'Send the CSV file itself',
};

/** status 0: the request never got an answer (network down, engine gone). */
export function readImportAnswer(status: number, body: string): ImportOutcome {
  if (status === 0) {
    return { kind: 'refused', status, message: 'The engine did not answer: check the connection to it and try again. Nothing was changed by this page.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (status === 200) {
    const report = CameraImportReport.safeParse(json);
    if (report.success) return { kind: 'report', report: report.data };
    return { kind: 'refused', status, message: 'The engine answered in a form this page cannot read (is the page older than the engine? reload it).' };
  }
  const wire = WireErrorSchema.safeParse(json);
  const said = wire.success ? wire.data.message : '';
  const lead = leads[status] ?? (status >= 500 ? `The engine failed (HTTP ${status}); try again, and if it keeps failing see the engine's log` : `The engine refused the upload (HTTP ${status})`);
  return { kind: 'refused', status, message: said ? `${lead}. The engine said: ${said}` : `${lead}.` };
}

export interface ImportCount {
  key: 'rows' | 'inserted' | 'updated' | 'unchanged' | 'bad';
  label: string;
  value: number;
}

/** The counts in the order an installer reads them, worded for a dry run or a real import. */
export function importCounts(report: CameraImportReport): ImportCount[] {
  const would = report.dryRun;
  return [
    { key: 'rows', label: 'rows in the file', value: report.rows },
    { key: 'inserted', label: would ? 'would be added' : 'added', value: report.inserted },
    { key: 'updated', label: would ? 'would be changed' : 'changed', value: report.updated },
    { key: 'unchanged', label: 'unchanged', value: report.unchanged },
    { key: 'bad', label: would ? 'bad rows (would be left out)' : 'bad rows (left out)', value: report.errors.length },
  ];
}

export function importHeadline(report: CameraImportReport): string {
  const bad = report.errors.length;
  const badWords = bad === 0 ? 'no bad rows' : `${bad} bad row${bad === 1 ? '' : 's'}`;
  if (report.dryRun) {
    const changes = report.inserted + report.updated;
    return `Dry run: ${changes} camera${changes === 1 ? '' : 's'} would be added or changed, ${badWords}. Nothing was saved.`;
  }
  return `Imported: ${report.inserted} added, ${report.updated} changed, ${report.unchanged} unchanged, ${badWords}${bad > 0 ? ' (fix them and import the file again)' : ''}.`;
}
