import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBaton } from './runBaton.js';

const COMMANDS = ['validate', 'agents', 'export', 'run', 'serve'];

describe('baton --version and help', () => {
  it('--version (and -v) prints the version of the CLI package, exit 0', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'apps/cli/package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const r = runBaton([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`baton ${version}\n`);
    }
  });

  it.each(COMMANDS)('baton help %s, baton %s --help and -h print that command’s usage, exit 0', (name) => {
    const viaHelp = runBaton(['help', name]);
    expect(viaHelp.status).toBe(0);
    expect(viaHelp.stdout.startsWith(`baton ${name} `)).toBe(true);
    expect(viaHelp.stderr).toBe('');
    for (const args of [
      [name, '--help'],
      [name, '-h'],
      [name, 'some-file.yaml', '--help'],
    ]) {
      const r = runBaton(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toBe(viaHelp.stdout);
    }
  });

  it('baton run --help no longer prints a raw argument-parser error', () => {
    const r = runBaton(['run', '--help']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('--simulate');
    expect(r.stdout).not.toMatch(/Unknown option|positional argument/);
  });

  it('an unknown option names it, then the command’s own usage; exit 2', () => {
    const r = runBaton(['run', 'x.baton.yaml', '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith("baton run: unknown option '--bogus'\n\nbaton run FILE")).toBe(true);
  });

  it('baton help lists every command; help of an unknown command is wrong usage', () => {
    const r = runBaton(['help']);
    expect(r.status).toBe(0);
    for (const name of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const unknown = runBaton(['help', 'frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("baton help: no command 'frobnicate'");
    expect(runBaton(['help', 'constructor']).status).toBe(2);
  });
});

describe('baton validate expands a quoted glob itself', () => {
  const expected = (function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.baton.yaml') ? [join(dir, e.name)] : [],
    );
  })(join(REPO_ROOT, 'examples')).map((p) => relative(REPO_ROOT, p));

  it("the README's 'examples/**/*.baton.yaml', quoted (no shell expands it): every example checked", () => {
    const r = runBaton(['validate', 'examples/**/*.baton.yaml']);
    expect(r.status).toBe(0);
    const checked = r.stdout.split('\n').flatMap((l) => /^(\S+): ok \(/.exec(l)?.[1] ?? []);
    expect(checked.sort()).toEqual(expected.sort());
    expect(checked.length).toBeGreaterThanOrEqual(16);
  });

  it('a pattern that matches nothing is an error naming it (exit 1); files and globs mix, each file once', () => {
    const none = runBaton(['validate', 'nowhere/**/*.baton.yaml']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('nowhere/**/*.baton.yaml:1:1: error: no file matches this pattern');
    const mixed = runBaton([
      'validate',
      'examples/seed/4-primary-with-reviewers.baton.yaml',
      'examples/seed/*.baton.yaml',
    ]);
    expect(mixed.status).toBe(0);
    expect(mixed.stdout.match(/: ok \(/g)).toHaveLength(7);
  });

  it('an absolute glob, and a file whose name has glob characters, are read as such', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-glob-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.baton.yaml'), 'primary_agent: fastapi-backend-expert\n');
    writeFileSync(join(dir, 'odd[1].baton.yaml'), 'primary_agent: fastapi-backend-expert\n');
    const r = runBaton(['validate', `${dir}/**/a.baton.yaml`, join(dir, 'odd[1].baton.yaml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${join(dir, 'sub', 'a.baton.yaml')}: ok`);
    expect(r.stdout).toContain(`${join(dir, 'odd[1].baton.yaml')}: ok`);
  });
});
