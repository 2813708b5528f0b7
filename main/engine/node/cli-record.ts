// What the record commands (user-add/-disable, workstation-add/-revoke) read alike: exactly one
// name as the argument, and the site's database in the --data-dir they were given.
import path from 'node:path';
import { openDatabase, type Db } from './store/database.js';

/** The one name the command was given (or an error showing its usage) and the site's database, for the caller to close. */
export function openRecordCommand(positionals: string[], dataDir: string, what: string, usage: string): { name: string; db: Db } {
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new Error(`name exactly one ${what}\n${usage}`);
  return { name, db: openDatabase(path.join(path.resolve(dataDir), 'engine.sqlite')) };
}
