// The engine's SQLite file. WAL with synchronous=FULL: anything an operator is told is saved must
// survive a crash or power loss, and inventory writes are batched in transactions anyway.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../../../common/logger.js';
import { migrations } from './migrations.js';

const log = createLogger('store');

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * SQLite's count of commits by other connections to this file (PRAGMA data_version): it moves when
 * another process (the CLI) wrote, never for this connection's own writes. Cheap enough to poll.
 */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`database schema ${current} is newer than this program (${migrations.length}); upgrade Jharokha`);
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
    log.info(`schema migrated to version ${version + 1}`);
  }
}
