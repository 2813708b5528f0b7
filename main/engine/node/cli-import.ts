// jharokha import-cameras <file.csv>: the city's camera inventory into a data directory, from the
// command line (the same import as POST /api/setup/cameras.csv). Prints every bad row. Exit codes
// for scripts: 0 all rows good, 1 some rows bad (the good ones are imported), 2 nothing usable
// (unreadable file, not CSV, unknown columns, too big, or a key that does not fit the database).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { JharokhaError } from '../../../common/errors.js';
import { CameraImportInputError, DEFAULT_IMPORT_LIMITS, importCameraInventory, type CameraImportReport } from './setup/camera-import.js';
import { AuditLog } from './store/audit-log.js';
import { CameraRepo } from './store/camera-repo.js';
import { openDatabase } from './store/database.js';
import { KeyFileSource, SecretBox } from './store/secret-box.js';

export const importUsage = '       jharokha import-cameras <file.csv> [--dry-run] [--json] [--data-dir DIR]';

export function formatImportReport(file: string, report: CameraImportReport): string {
  const lines = [
    `${file}: ${report.rows} rows: ${report.inserted} new, ${report.updated} changed, ${report.unchanged} unchanged, ` +
      `${report.errors.length} bad${report.dryRun ? ' (dry run: nothing written)' : ''}`,
  ];
  if (report.errors.length > 0) lines.push('bad rows (fix them and import the file again; good rows are kept):');
  for (const e of report.errors) lines.push(`  line ${e.line}${e.id ? ` (${e.id})` : ''}: ${e.reason}`);
  return lines.join('\n');
}

/** Runs the command; returns the exit code. `out` gets the report, `err` the reason for a 2. */
export async function importCamerasCommand(
  argv: string[],
  defaultDataDir: string,
  io: { out: (text: string) => void; err: (text: string) => void },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, 'data-dir': { type: 'string', default: defaultDataDir } },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\nusage:\n${importUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    io.err(`name exactly one CSV file\nusage:\n${importUsage}`);
    return 2;
  }
  let input: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > DEFAULT_IMPORT_LIMITS.maxBytes) throw new CameraImportInputError(true, `${file} is ${size} bytes; the import takes at most ${DEFAULT_IMPORT_LIMITS.maxBytes} (split it)`);
    input = fs.readFileSync(file);
  } catch (error) {
    io.err(error instanceof JharokhaError ? error.message : `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 2;
  }
  const dataDir = path.resolve(values['data-dir']);
  let db;
  try {
    const secrets = await SecretBox.create(KeyFileSource.inDataDir(dataDir));
    db = openDatabase(path.join(dataDir, 'engine.sqlite'));
    const cameras = CameraRepo.open(db, secrets);
    const dryRun = values['dry-run'];
    const report = importCameraInventory(cameras, input, { dryRun, ...(dryRun ? {} : { audit: { log: new AuditLog(db), actor: 'cli' } }) });
    io.out(values.json ? JSON.stringify(report, null, 2) : formatImportReport(file, report));
    return report.errors.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof JharokhaError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  } finally {
    db?.close();
  }
}
