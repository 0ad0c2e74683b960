import { readFile } from 'node:fs/promises';
import { type CompileOptions, type ValidateResult, validate } from '@baton/core';

export interface LoadedFile {
  path: string;
  result: ValidateResult;
}

/** Read and validate one file; a file that cannot be read becomes a diagnostic, not a crash. */
export async function readOrchestrationFile(path: string, options: CompileOptions = {}): Promise<LoadedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : String(error);
    return {
      path,
      result: {
        document: null,
        source: null,
        form: null,
        plan: null,
        ok: false,
        diagnostics: [
          { severity: 'error', message: `cannot read the file: ${reason}`, path: [], line: 1, col: 1 },
        ],
      },
    };
  }
  return { path, result: validate(bytes, options) };
}
