import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunEventJson, type RunEvent } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { runBaton } from './runBaton.js';

/**
 * A repository with one Claude Code agent file (no Baton runtime: it runs `claude`), and a PATH
 * with no `claude` on it.
 */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-simulate-'));
  mkdirSync(join(dir, '.claude', 'agents'), { recursive: true });
  writeFileSync(
    join(dir, '.claude', 'agents', 'x.md'),
    '---\nname: x\ndescription: "Use this agent to do things. Examples: <example>Context: a task</example>"\ntools: Read, Grep\n---\nYou are x. Do the task.\n',
  );
  writeFileSync(
    join(dir, 'flow.baton.yaml'),
    `version: 1
name: File agent
stages:
  - { id: s, pattern: sequential_handoff, parallel_execution: false, tasks: [{ agent: x, task: do it }, { agent: x, task: again }] }
`,
  );
  return dir;
}

const noClaude = { ...process.env, PATH: mkdtempSync(join(tmpdir(), 'baton-empty-path-')) };
const ndjson = (text: string): RunEvent[] => text.split('\n').filter(Boolean).map(parseRunEventJson);

describe('baton run --simulate and --workspace', () => {
  it('--simulate runs a file agent without its CLI; every step is labelled simulated', () => {
    const cwd = repository();
    const r = runBaton(['run', 'flow.baton.yaml', '--agents', '.', '--simulate', '--speed', '20'], {
      cwd,
      env: noClaude,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Running File agent \(flow\.baton\.yaml\) as run-\S+ at speed ×20 — dry run: every agent simulated/,
    );
    expect(r.stdout).toContain('● s.task.0  x (simulated)');
    expect(r.stdout).toContain('● s.task.1  x (simulated)');
    expect(r.stdout).toMatch(/Run succeeded in .* — 2 steps: 2 succeeded \(2 simulated\)/);
    const dir = /Artifacts: (.+) \(summary\.md\)/.exec(r.stdout)?.[1] as string;
    expect(readdirSync(join(cwd, dir, 'agent-reports')).sort()).toEqual([
      's.task.0-report.md',
      's.task.1-report.md',
    ]);
    const summary = readFileSync(join(cwd, dir, 'summary.md'), 'utf8');
    expect(summary).toContain('- Dry run: every agent simulated');
    expect(summary).toContain('| s.task.0 | x | succeeded (simulated) |');
    const context = JSON.parse(readFileSync(join(cwd, dir, 'context.json'), 'utf8'));
    expect(context).toMatchObject({ status: 'completed', baton: { simulate: true, workspace: cwd } });

    const json = runBaton(
      ['run', 'flow.baton.yaml', '--agents', '.', '--simulate', '--json', '--speed', '20'],
      {
        cwd,
        env: noClaude,
      },
    );
    expect(json.status).toBe(0);
    const started = ndjson(json.stdout).filter((e) => e.type === 'step.started');
    expect(started).toHaveLength(2);
    for (const e of started) expect(e.data).toMatchObject({ simulated: true });
  });

  it('without --simulate the same run fails its step, naming the program and the way out', () => {
    const cwd = repository();
    const r = runBaton(['run', 'flow.baton.yaml', '--agents', '.'], { cwd, env: noClaude });
    expect(r.status).toBe(1);
    const failed = r.stdout.split('\n').find((l) => l.includes('✗ s.task.0')) ?? '';
    expect(failed).toMatch(/\bclaude\b/);
    expect(failed).toContain('--simulate');
    expect(r.stdout).not.toContain('(simulated)');
    expect(r.stdout).toContain("⊘ s.task.1 skipped: 's.task.0' failed");
  });

  it('agents work in --workspace DIR; a workspace that is not a folder is wrong usage', () => {
    const cwd = repository();
    const workspace = mkdtempSync(join(tmpdir(), 'baton-workspace-'));
    writeFileSync(
      join(cwd, 'baton.agents.yaml'),
      `pwd:\n  runtime: { kind: command, command: [${JSON.stringify(process.execPath)}, -e, "console.log('cwd=' + process.cwd())"] }\n`,
    );
    writeFileSync(
      join(cwd, 'pwd.baton.yaml'),
      'version: 1\nstages:\n  - { id: s, pattern: parallel_independent, tasks: [{ agent: pwd }] }\n',
    );
    const r = runBaton(['run', 'pwd.baton.yaml', '--agents', '.', '--workspace', workspace], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`│ cwd=${workspace}`);

    const missing = runBaton(['run', 'pwd.baton.yaml', '--workspace', join(cwd, 'nope')], { cwd });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--workspace');
    expect(missing.stderr).toContain('no such folder');
    const file = runBaton(['run', 'pwd.baton.yaml', '--workspace', 'pwd.baton.yaml'], { cwd });
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('not a folder');
  });
});
