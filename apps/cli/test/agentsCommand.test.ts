import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBaton } from './runBaton.js';

/** The engine's fixture of Claude Code agent files in the shapes real repositories use. */
const FIXTURE = fileURLToPath(
  new URL('../../../packages/engine/test/fixtures/claude-agents-real/', import.meta.url),
);
const AGENTS = join(FIXTURE, '.claude', 'agents');

/** A project folder with some of the fixture's agent files in its own .claude/agents. */
function project(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-project-'));
  mkdirSync(join(dir, '.claude', 'agents'), { recursive: true });
  for (const f of files) copyFileSync(join(AGENTS, f), join(dir, '.claude', 'agents', f));
  return dir;
}

describe('baton agents', () => {
  it('lists every agent with its source and runtime, then the diagnostics as file:line', () => {
    const { status, stdout } = runBaton(['agents', '--agents', FIXTURE], { cwd: FIXTURE });
    expect(status).toBe(0);
    expect(stdout).toMatch(/^31 agents in .* \(31 from files, 0 built-in\):/);
    expect(stdout).toMatch(/^ {2}code-reviewer +claude +file \.claude\/agents\/code-reviewer\.md$/m);
    expect(stdout).toMatch(/^ {2}quick-checker +simulated +file \.claude\/agents\/baton-runtime\.md$/m);
    expect(stdout).toMatch(/^ {2}unit-test-runner +command +/m);
    expect(stdout).toMatch(/^ {2}Release Notes Writer +claude +file \.claude\/agents\/release-notes\.md$/m);
    expect(stdout).toMatch(/could not be loaded \(no built-in stands in\): .*general-purpose/);
    expect(stdout).toContain('.claude/agents/broken-quote.md:3: error: bad YAML: ');
    expect(stdout).toContain('.claude/agents/notes.md:1: error: no front matter');
    expect(stdout).toMatch(
      /^\.claude\/agents\/code-reviewer\.md:3: warning: the value of 'description' is not valid YAML/m,
    );
    expect(stdout).toMatch(
      /^\.claude\/agents\/code-explainer\.md: error: agent 'code-explainer' is declared by 2 files/m,
    );
  });

  it('built-ins are said to be simulated; --json gives the same as data', () => {
    const empty = mkdtempSync(join(tmpdir(), 'baton-empty-'));
    const text = runBaton(['agents'], { cwd: empty });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^ {2}general-purpose +simulated +builtin$/m);
    const { status, stdout } = runBaton(['agents', '--json', '--agents', FIXTURE]);
    expect(status).toBe(0);
    const body = JSON.parse(stdout) as {
      agents: { name: string; runtime: string; simulated: boolean; file?: string }[];
      failed: Record<string, { file: string; line?: number }>;
      diagnostics: { severity: string; file: string; line?: number; message: string }[];
    };
    expect(body.agents).toHaveLength(31);
    expect(body.agents.find((a) => a.name === 'quick-checker')).toMatchObject({
      runtime: 'simulated',
      simulated: true,
    });
    expect(body.failed['quote-breaker']).toMatchObject({ line: 3 });
    expect(body.failed['quote-breaker']?.file).toMatch(/broken-quote\.md$/);
    expect(body.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(6);
  });

  it('an --agents folder that does not exist is an error (exit 1)', () => {
    const { status, stderr } = runBaton(['agents', '--agents', '/no/such/folder']);
    expect(status).toBe(1);
    expect(stderr).toContain('no such folder');
  });
});

describe('baton validate and run read the folder they run in', () => {
  const doc = (agent: string) =>
    `version: 1\nstages:\n  - { id: s, pattern: parallel_independent, tasks: [{ agent: ${JSON.stringify(agent)}, task: Do it }] }\n`;

  it('validate picks up ./.claude/agents by default, and says why a failed agent failed', () => {
    const dir = project(['code-reviewer.md', 'broken-quote.md']);
    writeFileSync(join(dir, 'ok.baton.yaml'), doc('code-reviewer'));
    writeFileSync(join(dir, 'broken.baton.yaml'), doc('quote-breaker'));
    const ok = runBaton(['validate', 'ok.baton.yaml'], { cwd: dir });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('ok.baton.yaml: ok');
    // The registry's own problems come first, on stderr, then the file's.
    expect(ok.stderr).toContain('.claude/agents/broken-quote.md:3: error: bad YAML');
    expect(ok.stderr).toContain('1 agent-file warning: run `baton agents` for the details');
    const broken = runBaton(['validate', 'broken.baton.yaml'], { cwd: dir });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(
      /broken\.baton\.yaml:3:\d+: error: agent 'quote-breaker' is defined in \.claude\/agents\/broken-quote\.md but that file could not be read: bad YAML: .*\(line 3\)/,
    );
  });

  it('validate without .claude/agents has the built-ins; --agents DIR reads another folder', () => {
    const empty = mkdtempSync(join(tmpdir(), 'baton-empty-'));
    writeFileSync(join(empty, 'seed.baton.yaml'), doc('fastapi-backend-expert'));
    writeFileSync(join(empty, 'file.baton.yaml'), doc('code-reviewer'));
    expect(runBaton(['validate', 'seed.baton.yaml'], { cwd: empty })).toMatchObject({
      status: 0,
      stderr: '',
    });
    const unknown = runBaton(['validate', 'file.baton.yaml'], { cwd: empty });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("unknown agent 'code-reviewer'");
    const other = runBaton(['validate', '--agents', project(['code-reviewer.md']), 'file.baton.yaml'], {
      cwd: empty,
    });
    expect(other.status).toBe(0);
    expect(
      runBaton(['validate', '--agents', join(empty, 'nope'), 'file.baton.yaml'], { cwd: empty }).status,
    ).toBe(1);
  });

  it('run reads ./.claude/agents by default too (a dry run of a file agent)', () => {
    const dir = project(['baton-runtime.md']);
    writeFileSync(join(dir, 'quick.baton.yaml'), doc('quick-checker'));
    const { status, stdout, stderr } = runBaton(
      ['run', 'quick.baton.yaml', '--speed', '100', '--data-dir', join(dir, '.baton')],
      {
        cwd: dir,
      },
    );
    expect(stderr).not.toContain('unknown agent');
    expect(status).toBe(0);
    expect(stdout).toContain('quick-checker');
  });
});
