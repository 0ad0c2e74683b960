import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogFor, validate } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { agentProgram, findProgram, missingAgentPrograms } from '../src/index.js';

function folderWith(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-find-'));
  for (const [name, mode] of Object.entries(files)) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), mode);
  }
  return dir;
}

describe('findProgram', () => {
  it('finds the first executable file of the name on PATH, as execvp would', () => {
    const a = folderWith({ tool: 0o644 });
    const b = folderWith({ tool: 0o755 });
    expect(findProgram('tool', { path: `${a}:${b}` })).toBe(join(b, 'tool'));
    expect(findProgram('tool', { path: a })).toBeNull();
    expect(findProgram('absent', { path: `${a}:${b}` })).toBeNull();
    expect(findProgram('', { path: b })).toBeNull();
  });

  it('a name with a slash is a path from cwd; a folder is not a program', () => {
    const dir = folderWith({ agent: 0o755 });
    mkdirSync(join(dir, 'sub'));
    expect(findProgram('./agent', { cwd: dir, path: '' })).toBe(join(dir, 'agent'));
    expect(findProgram('./sub', { cwd: dir, path: '' })).toBeNull();
    expect(findProgram('sub', { cwd: dir, path: dir })).toBeNull();
  });
});

describe('missingAgentPrograms', () => {
  const yaml = [
    'version: 1',
    'name: mixed',
    'agents:',
    '  writer: { description: w, runtime: { kind: claude, program: no-such-claude-xyz } }',
    '  tester: { description: t, runtime: { kind: command, command: [no-such-test-cmd-xyz] } }',
    '  shell: { description: s, runtime: { kind: command, command: [sh, -c, "true"] } }',
    '  dry: { description: d, runtime: { kind: simulated } }',
    'stages:',
    '  - id: all',
    '    pattern: sequential_handoff',
    '    tasks:',
    '      - { agent: writer, task: write }',
    '      - { agent: writer, task: again }',
    '      - { agent: tester, task: test }',
    '      - { agent: shell, task: shell }',
    '      - { agent: dry, task: dry }',
  ].join('\n');

  it('one warning per agent whose program is missing, worded as the step failure would be', () => {
    const result = validate(yaml);
    if (!result.document || !result.plan || !result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const catalog = catalogFor(result.document.agents);
    const plan = result.plan;
    const issues = missingAgentPrograms(plan, catalog, { workspace: process.cwd() });
    expect(issues.map((i) => i.message)).toEqual([
      "agent 'writer' runs 'no-such-claude-xyz', which is not installed or not on PATH: install Claude Code, set runtime.program, or run with --simulate (a dry run)",
      "agent 'tester' runs 'no-such-test-cmd-xyz', which is not installed or not on PATH: install it, change runtime.command, or run with --simulate (a dry run)",
    ]);
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('agentProgram: a runtime.env PATH is the one searched; simulated starts nothing', () => {
    expect(agentProgram({ name: 'x', runtime: { kind: 'simulated' } } as never, '/w')).toBeNull();
    expect(
      agentProgram({ name: 'x', runtime: { kind: 'claude', env: { PATH: '/opt/bin' } } } as never, '/w'),
    ).toMatchObject({ kind: 'claude', program: 'claude', cwd: '/w', path: '/opt/bin' });
  });
});
