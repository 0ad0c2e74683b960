import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunEventJson, type RunEvent } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { alive, waitForPids } from '../../../packages/engine/test/processes.js';
import { BATON_BIN, REPO_ROOT, runBaton } from './runBaton.js';

const tmp = mkdtempSync(join(tmpdir(), 'baton-run-'));
const dataDir = join(tmp, 'data');

function examples(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return examples(path);
    return entry.name.endsWith('.baton.yaml') ? [path] : [];
  });
}

/** `--json` output, each line through core's guard: what a reader of it relies on must hold. */
const ndjson = (text: string): RunEvent[] => text.split('\n').filter(Boolean).map(parseRunEventJson);

describe('baton run', () => {
  const files = examples(join(REPO_ROOT, 'examples'))
    .map((p) => relative(REPO_ROOT, p))
    .sort();

  it('finds the examples', () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
    expect(files).toContain('examples/large-1000-steps.baton.yaml');
  });

  // The seed's configuration snippets of Patterns 1-3 name no task: nothing to run (below).
  const taskless = [
    'examples/seed/1-parallel-independent.baton.yaml',
    'examples/seed/2-sequential-handoff.baton.yaml',
    'examples/seed/3-parallel-with-sync.baton.yaml',
  ];

  it.each(files.filter((f) => !taskless.includes(f)))('runs %s to success with simulated agents', (file) => {
    const r = runBaton(['run', file, '--speed', '50', '--json', '--data-dir', dataDir], {
      timeoutMs: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const events = ndjson(r.stdout);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.type).toBe('run.queued');
    expect(events.at(-1)?.type).toBe('run.succeeded');
    expect(events.filter((e) => e.type === 'step.failed')).toEqual([]);
  });

  it('shows live progress: stages, steps, durations, the branch taken, a summary and the artifacts', () => {
    const r = runBaton([
      'run',
      'examples/full/7-conditional-branching.baton.yaml',
      '--speed',
      '20',
      '--data-dir',
      dataDir,
    ]);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(
      /^Running Improve code quality \(examples\/full\/7-conditional-branching\.baton\.yaml\) as run-/,
    );
    expect(out).toContain('▶ Code quality (quality, conditional_branching)');
    expect(out).toMatch(/✓ quality\.analyzer {2}\d+ms/);
    expect(out).toContain("⤷ condition 'high_complexity' → branch quality.branch.0 (codebase-cleaner)");
    expect(out).toContain('⊘ quality.branch.1 skipped: branch not taken');
    expect(out).toContain('✓ stage quality succeeded');
    expect(out).toMatch(
      /Run succeeded in [\d.]+m?s \(estimate [\d.]+m?s\) — 3 steps: 2 succeeded, 1 skipped/,
    );
    expect(out).not.toContain('\x1b['); // no colour or cursor codes when not on a terminal
    const dir = /Artifacts: (.+) \(summary\.md\)/.exec(out)?.[1] as string;
    expect(existsSync(join(dir, 'summary.md'))).toBe(true);
    expect(existsSync(join(dir, 'context.json'))).toBe(true);
    expect(readdirSync(join(dir, 'agent-reports')).sort()).toEqual([
      'quality.analyzer-report.md',
      'quality.branch.0-report.md',
    ]);
  });

  it('exits 1 when the run fails, saying why', () => {
    const file = join(tmp, 'failing.baton.yaml');
    writeFileSync(
      file,
      `version: 1
name: Doomed
agents:
  broken: { runtime: { kind: simulated, duration: 10ms, fail_rate: 1 } }
stages:
  - { id: s, pattern: sequential_handoff, parallel_execution: false, tasks: [{ agent: broken }, { agent: broken }] }
`,
    );
    const r = runBaton(['run', file, '--data-dir', dataDir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✗ s.task.0');
    expect(r.stdout).toContain("⊘ s.task.1 skipped: 's.task.0' failed");
    expect(r.stdout).toContain('Run failed in');
    expect(r.stdout).toContain("stage 's' failed: 's.task.0' failed: simulated failure (fail_rate 1)");
  });

  it.each(taskless)('%s has nothing to run: exit 1 saying so, no run, no artifacts', (file) => {
    const runData = join(tmp, 'nothing');
    const r = runBaton(['run', file, '--data-dir', runData]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const why = file.includes('3-parallel-with-sync')
      ? 'its 3 steps are sync points without an agent'
      : 'it has no steps';
    expect(r.stderr).toContain(
      `${file}: error: nothing to run: no step calls an agent (${why}); add tasks, or give a sync point an agent, then run it\n`,
    );
    expect(existsSync(runData)).toBe(false);
  });

  it('exits 1 on an invalid file and 2 on wrong usage', () => {
    const bad = runBaton(['run', 'examples/no-such-file.baton.yaml']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('cannot read the file: no such file');
    expect(
      runBaton(['run', 'examples/full/1-parallel-independent.baton.yaml', '--speed', 'fast']).status,
    ).toBe(2);
    expect(runBaton(['run']).status).toBe(2);
  });

  it('runs agents from --agents DIR (a command agent) and streams their output', () => {
    const dir = join(tmp, 'registry');
    const script = fileURLToPath(
      new URL('../../../packages/engine/test/fixtures/echo-agent.mjs', import.meta.url),
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'baton.agents.yaml'),
      `echo:\n  runtime: { kind: command, command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(script)}] }\n`,
    );
    const file = join(tmp, 'echo.baton.yaml');
    writeFileSync(
      file,
      'version: 1\nstages:\n  - { id: s, pattern: parallel_independent, tasks: [{ agent: echo, task: Say hi }] }\n',
    );
    const r = runBaton(['run', file, '--agents', dir, '--data-dir', dataDir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('│ task: Say hi');
    expect(r.stdout).toContain('│ ! working on it');
    expect(r.stdout).not.toContain('(estimate'); // a real agent: no simulated estimate to compare with
  });

  it('Ctrl-C cancels cleanly: the agents’ processes end and run.cancelled is recorded', async () => {
    const dir = join(tmp, 'hang-registry');
    mkdirSync(dir, { recursive: true });
    const pidFile = join(tmp, 'cli-hang.json');
    const script = fileURLToPath(
      new URL('../../../packages/engine/test/fixtures/hang-agent.mjs', import.meta.url),
    );
    writeFileSync(
      join(dir, 'baton.agents.yaml'),
      `hang:\n  runtime: { kind: command, command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(script)}, ${JSON.stringify(pidFile)}] }\n`,
    );
    const file = join(tmp, 'hang.baton.yaml');
    writeFileSync(
      file,
      'version: 1\nstages:\n  - { id: s, pattern: parallel_independent, tasks: [{ agent: hang }, { agent: hang }] }\n',
    );
    const child = spawn(
      process.execPath,
      [BATON_BIN, 'run', file, '--json', '--agents', dir, '--data-dir', dataDir],
      {
        cwd: REPO_ROOT,
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const pids = await waitForPids(pidFile, 2, 15_000);
    expect(alive(pids)).toHaveLength(4);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const events = ndjson(stdout);
    expect(events.at(-1)).toMatchObject({ type: 'run.cancelled', data: { reason: 'interrupted (Ctrl-C)' } });
    expect(events.filter((e) => e.type === 'step.cancelled')).toHaveLength(2);
    expect(alive(pids)).toEqual([]);
  });
});
