// Where a bench run leaves its figures: bench/results/<start time>[-<step>].json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

/** Writes the results and returns the file written; `step` names a run of one step alone. */
export function writeResults(results: { startedAt: string }, step?: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${results.startedAt.replace(/[:.]/g, '-')}${step ? `-${step}` : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
