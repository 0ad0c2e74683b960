import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBaton } from './runBaton.js';

/** A project whose .claude/agents holds one Claude Code agent file (no Baton runtime: claude). */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-programs-'));
  mkdirSync(join(dir, '.claude', 'agents'), { recursive: true });
  writeFileSync(
    join(dir, '.claude', 'agents', 'code-reviewer.md'),
    '---\nname: code-reviewer\ndescription: Reviews code\n---\nYou review code.\n',
  );
  writeFileSync(
    join(dir, 'review.yaml'),
    [
      'version: 1',
      'name: one review',
      'stages:',
      '  - id: review',
      '    pattern: sequential_handoff',
      '    tasks:',
      '      - agent: code-reviewer',
      '        task: Review the change',
      '',
    ].join('\n'),
  );
  return dir;
}

/** PATH holding only node's folder: `claude` is not on it. */
function envWithout(extraPath?: string): NodeJS.ProcessEnv {
  const nodeDir = process.execPath.replace(/\/[^/]+$/, '');
  return { ...process.env, PATH: extraPath ? `${extraPath}:${nodeDir}` : nodeDir };
}

describe('a real agent whose CLI is not on PATH', () => {
  it('baton validate warns, at the line naming the agent, and still exits 0', () => {
    const dir = project();
    const { status, stdout, stderr } = runBaton(['validate', 'review.yaml'], { cwd: dir, env: envWithout() });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^review\.yaml:7:\d+: warning: agent 'code-reviewer' runs 'claude', which is not installed or not on PATH: install Claude Code, set runtime\.program, or run with --simulate \(a dry run\)$/m,
    );
  });

  it('no warning once claude is on PATH', () => {
    const dir = project();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'claude'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'claude'), 0o755);
    const { status, stdout } = runBaton(['validate', 'review.yaml'], { cwd: dir, env: envWithout(bin) });
    expect(status).toBe(0);
    expect(stdout).not.toContain('not installed');
  });

  it('baton run warns before it starts; the step then fails saying the same; --simulate says nothing', () => {
    const dir = project();
    const real = runBaton(['run', 'review.yaml'], { cwd: dir, env: envWithout() });
    expect(real.status).toBe(1);
    expect(real.stderr).toMatch(/warning: agent 'code-reviewer' runs 'claude', which is not installed/);
    expect(`${real.stdout}${real.stderr}`).toMatch(/'claude' is not installed or not on PATH/);
    const dry = runBaton(['run', '--simulate', 'review.yaml'], { cwd: dir, env: envWithout() });
    expect(dry.status).toBe(0);
    expect(dry.stderr).not.toContain('not installed');
  });
});
