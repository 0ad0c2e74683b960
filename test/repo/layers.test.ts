import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImports, formatViolation, type Violation } from './importRules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Imports that break the web's folder rule, each kept on purpose with its reason until the files
 * it names are reshaped (issue 12). An entry covers every import from one folder into another; an
 * entry no import needs any more fails the test, so the list only shrinks. None is left: the
 * editor page hands the canvas, palette, Inspector and YAML tab its commands, and what they share
 * lives in the leaves.
 */
const ALLOWED: { from: string; to: string; reason: string }[] = [];

const allows = (v: Violation) =>
  ALLOWED.find((a) => v.rule === 'e' && v.file.startsWith(`apps/web/src/${a.from}/`) && folderOf(v) === a.to);

function folderOf(v: Violation): string | null {
  const resolved = join(dirname(v.file), v.specifier).split('/');
  return resolved[0] === 'apps' && resolved[1] === 'web' && resolved[2] === 'src'
    ? (resolved[3] ?? null)
    : null;
}

/** The repository's sources: tracked, and new files not ignored (still being written). */
function repositoryFiles(): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return out.split('\n').filter((p) => p && existsSync(join(ROOT, p)));
}

describe('the repository keeps its layers', () => {
  const violations = checkImports(ROOT, repositoryFiles());

  it('no import crosses a layer, except the allowed ones', () => {
    const unexpected = violations.filter((v) => !allows(v)).map(formatViolation);
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  });

  it('every allowed crossing is still needed', () => {
    const stale = ALLOWED.filter((a) => !violations.some((v) => allows(v) === a)).map(
      (a) => `${a.from} → ${a.to}`,
    );
    expect(stale, 'remove these from ALLOWED').toEqual([]);
  });
});

/** The same check over small trees written for it: each breaks one rule, and is caught. */
describe('the layer check fails on a broken layer', () => {
  const trees: string[] = [];
  afterAll(() => {
    for (const tree of trees) rmSync(tree, { recursive: true, force: true });
  });

  /** Writes `files` (path → text) and the workspaces' manifests; checks every file written. */
  function check(files: Record<string, string>): string[] {
    const root = mkdtempSync(join(tmpdir(), 'baton-layers-'));
    trees.push(root);
    const manifests: Record<string, object> = {
      'packages/core/package.json': { name: '@baton/core', dependencies: { yaml: '*', zod: '*' } },
      'packages/engine/package.json': { name: '@baton/engine', dependencies: { '@baton/core': '*' } },
      'apps/server/package.json': { name: '@baton/server', dependencies: { '@baton/engine': '*' } },
      'apps/cli/package.json': { name: '@baton/cli', dependencies: { '@baton/server': '*' } },
      'apps/web/package.json': { name: '@baton/web', dependencies: { '@baton/core': '*' } },
    };
    const all: Record<string, string> = { ...files };
    for (const [path, manifest] of Object.entries(manifests)) all[path] = JSON.stringify(manifest);
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return checkImports(root, Object.keys(files)).map((v) => `${v.rule} ${v.file}:${v.line} ${v.specifier}`);
  }

  it('(a) core importing Node, another workspace or an undeclared package', () => {
    expect(
      check({
        'packages/core/src/ok.ts':
          "import { parse } from 'yaml';\nimport { z } from 'zod/mini';\nexport * from './other.js';\n",
        'packages/core/src/io.ts':
          "import { readFileSync } from 'node:fs';\nimport path from 'path';\nimport 'fs/promises';\n",
        'packages/core/src/deep/reach.ts':
          "import type { Plan } from '../../../engine/src/plan.js';\nimport { x } from 'left-pad';\n",
      }),
    ).toEqual([
      'a packages/core/src/io.ts:1 node:fs',
      'a packages/core/src/io.ts:2 path',
      'a packages/core/src/io.ts:3 fs/promises',
      'a packages/core/src/deep/reach.ts:1 ../../../engine/src/plan.js',
      'a packages/core/src/deep/reach.ts:2 left-pad',
    ]);
  });

  it('(b) the web importing the engine, the server or the CLI', () => {
    expect(
      check({
        'apps/web/src/api/ok.ts': "import { compile } from '@baton/core';\n",
        'apps/web/src/api/engine.ts': "\nimport { startRun } from '@baton/engine';\n",
        'apps/web/src/store/server.ts': "const m = await import('@baton/server/routes');\n",
        'apps/web/src/model/cli.ts': "export { main } from '../../../cli/src/main.js';\n",
        'apps/web/src/model/deep.ts': "import { x } from '../../../../packages/engine/src/x.js';\n",
      }),
    ).toEqual([
      'b apps/web/src/api/engine.ts:2 @baton/engine',
      'b apps/web/src/store/server.ts:1 @baton/server/routes',
      'b apps/web/src/model/cli.ts:1 ../../../cli/src/main.js',
      'b apps/web/src/model/deep.ts:1 ../../../../packages/engine/src/x.js',
    ]);
  });

  it('(c, d) a package importing an app; the engine importing the server', () => {
    expect(
      check({
        'packages/engine/src/ok.ts': "import { compile } from '@baton/core';\n",
        'packages/engine/src/server.ts': "import { createApp } from '@baton/server';\n",
        'packages/engine/src/cli.ts': "import { main } from '../../../apps/cli/src/main.js';\n",
      }),
    ).toEqual([
      'c packages/engine/src/server.ts:1 @baton/server',
      'd packages/engine/src/server.ts:1 @baton/server',
      'c packages/engine/src/cli.ts:1 ../../../apps/cli/src/main.js',
      'd packages/engine/src/cli.ts:1 ../../../apps/cli/src/main.js',
    ]);
  });

  it('(e) a web feature importing another feature or a page; a leaf importing a feature', () => {
    expect(
      check({
        'apps/web/src/editor/Page.tsx':
          "import { Canvas } from '../canvas/Canvas';\nimport { Y } from '../yaml/Y';\n",
        'apps/web/src/canvas/Canvas.tsx':
          "import { useDoc } from '../store/doc';\nimport { Node } from './nodes/Node';\nimport { status } from '../run/status';\n",
        'apps/web/src/io/importText.ts': "import { snap } from '../editor/snap';\n",
        'apps/web/src/store/doc.ts':
          "import { layout } from '../canvas/layout';\nimport { edit } from '../model/edit';\n",
        'apps/web/src/newThing/x.ts': "import { a } from '../api/a';\n",
        'apps/web/src/main.tsx': "import { App } from './App';\nimport './theme/app.css';\n",
        'apps/web/src/App.tsx':
          "import { Page } from './editor/Page';\nimport { List } from './list/List';\n",
        'apps/web/src/api/back.ts': "import { App } from '../App';\n",
      }),
    ).toEqual([
      'e apps/web/src/canvas/Canvas.tsx:3 ../run/status',
      'e apps/web/src/io/importText.ts:1 ../editor/snap',
      'e apps/web/src/store/doc.ts:1 ../canvas/layout',
      'e apps/web/src/newThing/x.ts:1 ../api/a',
      'e apps/web/src/api/back.ts:1 ../App',
    ]);
  });

  it('tests, scripts and declaration files are not checked', () => {
    expect(
      check({
        'packages/core/test/io.test.ts': "import { readFileSync } from 'node:fs';\n",
        'packages/core/scripts/write.ts': "import { writeFileSync } from 'node:fs';\n",
        'apps/web/src/vite-env.d.ts': "import '@baton/engine';\n",
      }),
    ).toEqual([]);
  });
});
