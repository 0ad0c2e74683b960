import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export interface ExpandedArgs {
  files: string[];
  /** Patterns that matched no file. */
  unmatched: string[];
}

/**
 * File arguments with quoted globs expanded here (`'examples/**\/*.baton.yaml'`), so they work
 * in any shell, quoted or not, and `**` even where the shell has no globstar. An argument that
 * names an existing path is taken as it is, whatever its characters; each glob's matches are
 * sorted, and a file named twice is checked once.
 */
export function expandFileArgs(args: readonly string[], cwd: string = process.cwd()): ExpandedArgs {
  const files: string[] = [];
  const unmatched: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
  };
  for (const arg of args) {
    if (existsSync(arg) || !isDynamicPattern(arg)) {
      add(arg);
      continue;
    }
    const matches = globSync(arg, {
      cwd,
      onlyFiles: true,
      expandDirectories: false,
      absolute: isAbsolute(arg),
    });
    if (!matches.length) unmatched.push(arg);
    for (const file of matches.sort()) add(file);
  }
  return { files, unmatched };
}
