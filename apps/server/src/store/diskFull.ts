import { ApiError } from '../http/ApiError.js';

/** SQLite's "database or disk is full" (a full disk, ENOSPC, reaches it as SQLITE_FULL too). */
export const isDiskFull = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
};

/** A write refused because the disk is full: 507, and nothing of it was stored (one transaction). */
export class DiskFullError extends ApiError {
  constructor(what: string) {
    super(
      507,
      'disk_full',
      `the disk holding Baton's store is full: ${what} was not saved, nothing of it was stored; free some space and try again`,
    );
  }
}

/** Run a store write; a full disk becomes a DiskFullError the client is told of, anything else is rethrown. */
export function writeOrDiskFull<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (isDiskFull(error)) throw new DiskFullError(what);
    throw error;
  }
}
