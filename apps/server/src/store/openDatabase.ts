import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StartupError } from '../startupError.js';
import { checkStoreFile, damagedStore } from './checkStoreFile.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Open (or create) the store in the data directory: WAL mode, foreign keys, and every
 * migration not yet applied, each in its own transaction. A store that cannot be opened is a
 * StartupError naming the file and what to do; a damaged one is never written to.
 */
export function openDatabase(dataDir: string): Db {
  const path = join(dataDir, 'baton.sqlite');
  checkStoreFile(path);
  let db: Db | undefined;
  try {
    db = new Database(path);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    throw storeStartupError(error, path);
  }
}

/** A start-up failure of the store, in words; anything unforeseen is passed on as it is. */
export function storeStartupError(error: unknown, path: string): Error {
  if (error instanceof StartupError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return damagedStore(path, (error as Error).message);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new StartupError(`cannot write ${path}: the disk is full; free some space and start again`);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return new StartupError(
      `cannot write ${path}: it or its folder is read-only; fix its permissions, or pick another --data-dir`,
    );
  return error instanceof Error ? error : new Error(String(error));
}

function migrate(db: Db) {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (applied.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        new Date().toISOString(),
      );
    })();
  });
}
