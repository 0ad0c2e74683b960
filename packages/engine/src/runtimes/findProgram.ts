import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';

export interface FindProgramOptions {
  /** Where a relative path (`./bin/agent`) is read from: the folder the process would start in. */
  cwd?: string;
  /** The PATH the process would be started with; default this process's. */
  path?: string | undefined;
}

/**
 * The file a program name starts, as `spawn` (execvp, no shell) would find it: a name holding
 * a `/` is that path (from `cwd`), any other name the first executable file of that name in a
 * PATH entry (an empty entry is the current folder). Null when there is none.
 */
export function findProgram(program: string, options: FindProgramOptions = {}): string | null {
  if (!program) return null;
  const cwd = options.cwd ?? process.cwd();
  if (program.includes('/')) {
    const file = resolve(cwd, program);
    return isExecutableFile(file) ? file : null;
  }
  const entries = (options.path ?? process.env.PATH ?? '').split(delimiter);
  for (const entry of entries) {
    const file = resolve(cwd, entry || '.', program);
    if (isExecutableFile(file)) return file;
  }
  return null;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
