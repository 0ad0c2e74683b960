import { accessSync, constants, mkdirSync } from 'node:fs';
import { StartupError } from '../startupError.js';

/** What the OS said, as the reason a user can act on. */
const REASONS: Record<string, string> = {
  ENOTDIR: 'a part of that path is a file, not a folder',
  EEXIST: 'it is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'the disk is full',
};

/** Create the data folder if it is missing, and check this process can write in it. */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new StartupError(
      `cannot create the data folder ${dataDir}: ${REASONS[code] ?? code}; pick another with --data-dir (or BATON_DATA_DIR)`,
    );
  }
  try {
    accessSync(dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new StartupError(
      `cannot write in the data folder ${dataDir}: ${REASONS[code] ?? code}; fix its permissions, or pick another with --data-dir (or BATON_DATA_DIR)`,
    );
  }
}
