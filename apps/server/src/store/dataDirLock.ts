import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StartupError } from '../startupError.js';

export class DataDirInUseError extends StartupError {}

/** How long a start waits for a lock still held by a process that is going away. */
const WAIT_MS = 1000;

const codeOf = (error: unknown) => (error as { code?: string }).code ?? '';

/**
 * One server per data directory: two would resume the same runs and run their agents twice.
 *
 * The lock is SQLite's own: `baton.lock` opened in exclusive locking mode with a write taken,
 * so this process holds an OS (fcntl) lock on it for its whole life, and the kernel releases
 * it when the process dies, kill -9 and OOM included (and a child process never inherits it).
 * Nothing is ever decided from a PID: `baton.pid`, written once the lock is held, only names
 * the holder in the message a second server gets. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'baton.lock');
  const pidPath = join(dataDir, 'baton.pid');
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new StartupError(
      `${path} is a folder; Baton keeps its lock file there: remove that folder and start again`,
    );
  }
  let db: Database.Database;
  try {
    db = holdLock(path);
  } catch (error) {
    if (codeOf(error) !== 'SQLITE_NOTADB' && !codeOf(error).startsWith('SQLITE_CORRUPT'))
      throw explain(error, path, pidPath, dataDir);
    // Not an SQLite file: a PID file left by an older Baton, or a torn write. No live server
    // holds a lock on such a file (a holder only ever leaves an SQLite file), so empty it in
    // place (the same inode: a lock taken on it meanwhile stays valid) and take the lock.
    truncateSync(path, 0);
    try {
      db = holdLock(path);
    } catch (again) {
      throw explain(again, path, pidPath, dataDir);
    }
  }
  try {
    writeFileSync(pidPath, `${process.pid}\n`);
  } catch {
    // Only the message a second server gets would lack the PID.
  }
  return () => {
    rmSync(pidPath, { force: true });
    db.close();
  };
}

function holdLock(path: string): Database.Database {
  const db = new Database(path, { timeout: WAIT_MS });
  try {
    db.pragma('locking_mode = EXCLUSIVE'); // the lock, once taken, is kept until close
    db.pragma('journal_mode = MEMORY'); // no -journal file beside the lock
    db.exec('BEGIN EXCLUSIVE');
    db.pragma(`user_version = ${process.pid}`); // a write: from then on exclusive mode holds the lock
    db.exec('COMMIT');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The holder's PID as it wrote it, for the message only. Never read from the lock file itself:
 * closing any descriptor of a file drops every fcntl lock this process holds on it, and the
 * holder may be this very process (a second server started in it).
 */
function holderPid(pidPath: string): number | null {
  try {
    const pid = Number(readFileSync(pidPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function explain(error: unknown, path: string, pidPath: string, dataDir: string): Error {
  const code = codeOf(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    const pid = holderPid(pidPath);
    return new DataDirInUseError(
      `another Baton server${pid ? ` (pid ${pid})` : ''} is using ${dataDir}; stop it, or give this one another --data-dir`,
    );
  }
  if (
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_IOERR_WRITE'
  ) {
    return new StartupError(
      `cannot write the lock file ${path}: the data folder is read-only or not yours; fix its permissions, or pick another with --data-dir`,
    );
  }
  if (code === 'SQLITE_FULL') {
    return new StartupError(
      `cannot write the lock file ${path}: the disk is full; free some space and start again`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
