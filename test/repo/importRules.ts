import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/**
 * The layers of the repository (issue 12), checked on every import of the workspaces' sources:
 *
 * - (a) `packages/core` is pure: no Node builtin, nothing but its own files and its declared
 *   dependencies;
 * - (b) `apps/web` never imports the engine, the server or the CLI;
 * - (c) `packages/*` are libraries: they import nothing from `apps/*`;
 * - (d) the engine imports neither the server, the CLI nor the web;
 * - (e) the web's folders (apps/web/README.md, "Folders"): a feature imports only its own folder
 *   and the leaves; a leaf imports only leaves; pages may import anything of the web.
 *
 * Only `src/` of each workspace is checked: tests, scripts and benchmarks may reach across.
 */

export type RuleId = 'a' | 'b' | 'c' | 'd' | 'e';

export interface Violation {
  rule: RuleId;
  /** Repository-relative, `/`-separated. */
  file: string;
  line: number;
  specifier: string;
  message: string;
}

/** Where a source file sits: its workspace, and for the web its folder under `src/`. */
interface Workspace {
  /** `packages/core`, `apps/web`, … */
  dir: string;
  name: string;
  dependencies: ReadonlySet<string>;
}

/** The web's folders under `apps/web/src`; the files directly in `src/` (App, main) are pages. */
export const WEB_FOLDERS = {
  /** Composition roots: they put the features together. */
  page: ['editor', 'list', 'bench'],
  /** UI features: each imports only itself and the leaves. */
  feature: ['canvas', 'inspector', 'palette', 'run', 'yaml', 'io', 'estimate'],
  /** Shared parts no feature owns: they import only leaves. */
  leaf: ['api', 'model', 'store', 'runState', 'shared', 'theme'],
} as const;

type WebRole = keyof typeof WEB_FOLDERS | 'unclassified';

const WEB_SRC = 'apps/web/src/';
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const BUILTINS = new Set(builtinModules);

/** What the engine may not import; what the web may not import (rules d and b). */
const ENGINE_FORBIDDEN = ['@baton/server', '@baton/cli', '@baton/web'];
const WEB_FORBIDDEN = ['@baton/engine', '@baton/server', '@baton/cli'];

function readWorkspaces(root: string): Workspace[] {
  const found: Workspace[] = [];
  for (const group of ['packages', 'apps']) {
    const groupDir = posix.join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      const manifest = posix.join(groupDir, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      found.push({
        dir: `${group}/${entry.name}`,
        name: pkg.name ?? `${group}/${entry.name}`,
        dependencies: new Set([
          ...Object.keys(pkg.dependencies ?? {}),
          ...Object.keys(pkg.peerDependencies ?? {}),
        ]),
      });
    }
  }
  return found;
}

const within = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(packageName(specifier));

function webFolder(path: string): { folder: string; role: WebRole } | null {
  if (!path.startsWith(WEB_SRC)) return null;
  const parts = path.slice(WEB_SRC.length).split('/');
  const folder = parts[0] ?? '';
  if (parts.length === 1) return { folder, role: 'page' };
  for (const role of ['page', 'feature', 'leaf'] as const) {
    if ((WEB_FOLDERS[role] as readonly string[]).includes(folder)) return { folder, role };
  }
  return { folder, role: 'unclassified' };
}

/** The web rule (e) for one import that stays inside `apps/web/src`. */
function webFolderProblem(from: string, to: string): string | null {
  const source = webFolder(from);
  const target = webFolder(to);
  if (!source || !target) return null;
  if (source.role === 'unclassified') return `${source.folder} is in no folder class of apps/web/README.md`;
  if (target.role === 'unclassified') return `${target.folder} is in no folder class of apps/web/README.md`;
  if (source.folder === target.folder || source.role === 'page' || target.role === 'leaf') return null;
  return source.role === 'feature'
    ? `feature ${source.folder} imports ${target.role} ${target.folder}`
    : `leaf ${source.folder} imports ${target.role} ${target.folder}`;
}

/** The import specifiers of a file (static, re-exports, dynamic), with their lines. */
export function importsOf(text: string): { specifier: string; line: number }[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((ref) => ({ specifier: ref.fileName, line: lineOf(ref.pos) }));
}

/**
 * Check `files` (repository-relative paths under `root`) against the rules. Files outside a
 * workspace's `src/`, and declaration files, are not checked.
 */
export function checkImports(root: string, files: readonly string[]): Violation[] {
  const workspaces = readWorkspaces(root);
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  const workspaceOf = (path: string) => workspaces.find((w) => within(path, w.dir));
  const violations: Violation[] = [];

  for (const file of files) {
    if (!SOURCE_FILE.test(file) || DECLARATION.test(file)) continue;
    const own = workspaceOf(file);
    if (!own || !within(file, `${own.dir}/src`)) continue;
    const text = readFileSync(posix.join(root, file), 'utf8');

    for (const { specifier, line } of importsOf(text)) {
      const report = (rule: RuleId, message: string) =>
        violations.push({ rule, file, line, specifier, message });
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      // A relative import names a real path; a bare one a workspace package, or a dependency.
      const resolved = relative ? posix.normalize(posix.join(posix.dirname(file), specifier)) : null;
      const target = resolved ? workspaceOf(resolved) : byName.get(packageName(specifier));
      const targetName = target?.name ?? packageName(specifier);
      const into = target && target !== own ? target : null;

      if (own.dir === 'packages/core') {
        if (!relative && isBuiltin(specifier)) report('a', `core imports the Node builtin ${specifier}`);
        else if (resolved && !within(resolved, own.dir))
          report('a', `core imports ${resolved}, outside core`);
        else if (!relative && !own.dependencies.has(packageName(specifier)))
          report('a', `core imports ${packageName(specifier)}, not a dependency of core`);
      }
      if (own.dir === 'apps/web' && into && WEB_FORBIDDEN.includes(targetName)) {
        report('b', `the web imports ${targetName} (${into.dir})`);
      }
      if (own.dir.startsWith('packages/') && into?.dir.startsWith('apps/')) {
        report('c', `a package imports the app ${into.dir}`);
      }
      if (own.dir === 'packages/engine' && into && ENGINE_FORBIDDEN.includes(targetName)) {
        report('d', `the engine imports ${targetName} (${into.dir})`);
      }
      if (resolved) {
        const problem = webFolderProblem(file, resolved);
        if (problem) report('e', problem);
      }
    }
  }
  return violations;
}

export const formatViolation = (v: Violation) =>
  `${v.file}:${v.line}: '${v.specifier}' — (${v.rule}) ${v.message}`;
