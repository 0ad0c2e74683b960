import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StartupError } from '../startupError.js';

const MAGIC = 'SQLite format 3\0';

/** A store that cannot be read: said with the file and why; the file itself is left exactly as it is. */
export const damagedStore = (path: string, why: string) =>
  new StartupError(
    `${path} is damaged (${why}); Baton left it as it is: restore it from a backup, or move it away to start with an empty store`,
  );

function readHeader(path: string): Buffer {
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, header, 0, 100, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Before the store is opened for writing: is `baton.sqlite` a whole SQLite database? Read-only
 * throughout (the header, then SQLite's quick_check on a read-only connection, ~4 ms per MB), so
 * a damaged store is reported, never rewritten. A missing or empty file is a new store (an empty
 * one is what a crash right after creating it leaves).
 */
export function checkStoreFile(path: string): void {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return;
  if (info.isDirectory())
    throw new StartupError(`${path} is a folder, not Baton's store: move it away and start again`);
  if (info.size === 0) return;
  const header = readHeader(path);
  if (header.length < 100 || header.toString('latin1', 0, 16) !== MAGIC)
    throw damagedStore(path, 'it is not an SQLite database');
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (info.size % pageSize !== 0)
    throw damagedStore(
      path,
      `it is truncated: ${info.size} bytes is not a whole number of ${pageSize}-byte pages`,
    );
  // The page count in the header is valid when its change counter matches version-valid-for;
  // with a write-ahead log still to apply, the file may lag behind it, so only check without one.
  const pages = header.readUInt32BE(28);
  const countValid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
  const walBytes = statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  if (countValid && walBytes === 0 && pages * pageSize > info.size)
    throw damagedStore(
      path,
      `it is truncated: ${info.size} bytes of the ${pages * pageSize} its header counts`,
    );

  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    // Its first finding, on one line ("*** in database main ***\nTree 4 page 3: …").
    const result = String(db.pragma('quick_check(1)', { simple: true }))
      .replace(/\*\*\* in database \w+ \*\*\*/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (result !== 'ok') throw damagedStore(path, `SQLite's check says: ${result}`);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
      throw damagedStore(path, (error as Error).message);
    throw error;
  } finally {
    db?.close();
  }
}
