import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalDispatcher, type Dispatcher, VirtualClock } from '@baton/engine';
import { describe, expect, it, vi } from 'vitest';
import { RunArtifacts } from '../src/artifacts/runArtifacts.js';
import { inside, safeName, slug } from '../src/artifacts/safePath.js';
import { agentsYaml, ofType, run } from './helpers.js';

const yaml = `version: 1
name: "Add role field: ../../etc"
${agentsYaml({ a: 'duration: 1s, output: "```\\n# not a heading\\nmigration"', b: 'duration: 1s, fail_rate: 1' })}stages:
  - id: ship
    pattern: sequential_handoff
    parallel_execution: false
    handoff_artifacts: [../../escape, schema]
    tasks:
      - { agent: a, task: Migration, checklist: [Add column] }
      - { agent: b, task: API }
      - { agent: a, task: never runs }
`;

describe('artifacts (DESIGN §3.2)', () => {
  it('writes context.json, one report per finished step, handoffs and summary.md, all inside the run folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-artifacts-'));
    const { events, handle } = await run(yaml, { dataDir });
    const created = ofType(events, 'artifact.created').map((e) => e.data as { name: string; path: string });
    const runDir = handle.artifactsDir as string;
    expect(runDir.startsWith(join(dataDir, '.artifacts', 'add-role-field-etc'))).toBe(true);
    expect(readdirSync(join(dataDir, '.artifacts'))).toEqual(['add-role-field-etc']);
    const rel = runDir.slice(dataDir.length + 1);
    expect(created.map((c) => c.path)).toEqual([
      `${rel}/context.json`,
      `${rel}/agent-reports/ship.task.0.md`,
      `${rel}/handoff/____escape.md`,
      `${rel}/agent-reports/ship.task.1.md`,
      `${rel}/summary.md`,
    ]);
    expect(created[2]?.name).toBe('../../escape'); // the name as written; the file is sanitised
    for (const c of created) expect(existsSync(join(dataDir, c.path))).toBe(true);
    // context.json first, summary.md last, before the run's end.
    expect(events.findIndex((e) => e.type === 'artifact.created')).toBe(2);
    expect(events.at(-2)?.type).toBe('artifact.created');

    const context = JSON.parse(readFileSync(join(runDir, 'context.json'), 'utf8'));
    expect(context).toMatchObject({
      runId: 'test-run',
      orchestration: 'Add role field: ../../etc',
      speed: 1,
      seed: 0,
    });
    expect(context.steps.map((s: { id: string }) => s.id)).toEqual([
      'ship.task.0',
      'ship.task.1',
      'ship.task.2',
    ]);

    const report = readFileSync(join(runDir, 'agent-reports', 'ship.task.0.md'), 'utf8');
    expect(report).toContain('# ship.task.0: a');
    expect(report).toContain('- [x] Add column');
    expect(report).toContain('````text\n```\n# not a heading\nmigration\n````');
    const failedReport = readFileSync(join(runDir, 'agent-reports', 'ship.task.1.md'), 'utf8');
    expect(failedReport).toContain('## Error');
    expect(failedReport).toContain('simulated failure');

    const summary = readFileSync(join(runDir, 'summary.md'), 'utf8');
    expect(summary).toContain('- Status: failed');
    expect(summary).toContain('| ship.task.2 | a | skipped | 0 |  |');
    expect(summary).toContain('## ship.task.0: a'); // each report, one heading level down
    expect(summary).toContain('\n# not a heading\n'); // but not inside the agent's output
    expect(summary).toContain('## ship.task.1: b');
  });

  it('two runs started in the same millisecond get their own folders', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-artifacts-'));
    const a = await run(yaml, { dataDir });
    const b = await run(yaml, { dataDir });
    expect(a.handle.artifactsDir).not.toBe(b.handle.artifactsDir);
    expect(readdirSync(join(dataDir, '.artifacts', 'add-role-field-etc'))).toHaveLength(2);
  });

  it('without a data directory nothing is written and no artifact is announced', async () => {
    const { events, handle } = await run(yaml);
    expect(handle.artifactsDir).toBeNull();
    expect(ofType(events, 'artifact.created')).toHaveLength(0);
  });
});

describe('artifacts keep coming after trouble that is not the disk’s', () => {
  const chain = `version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - { id: s, pattern: sequential_handoff, parallel_execution: false, tasks: [{ agent: a }, { agent: a }] }
`;
  const names = (events: Parameters<typeof ofType>[0]) =>
    ofType(events, 'artifact.created').map((e) => (e.data as { name: string }).name);

  it('an output of 500,000 backtick runs gets its report, and the run its summary', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-artifacts-'));
    const clock = new VirtualClock();
    const inner = createLocalDispatcher({ clock });
    const dispatcher: Dispatcher = {
      execute: (invocation, context) =>
        invocation.stepId === 's.task.0'
          ? Promise.resolve({ status: 'succeeded', output: '`x'.repeat(500_000) })
          : inner.execute(invocation, context),
    };
    const { events, handle } = await run(chain, { dataDir, clock, dispatcher });
    expect(names(events)).toEqual([
      'context.json',
      'agent-reports/s.task.0.md',
      'agent-reports/s.task.1.md',
      'summary.md',
    ]);
    const report = readFileSync(join(handle.artifactsDir as string, 'agent-reports', 's.task.0.md'), 'utf8');
    expect(report).toContain('```text\n`x`x');
  });

  it('one artifact that cannot be made costs only itself; a disk error stops the rest', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const write = vi.spyOn(RunArtifacts.prototype, 'writeReport');
    try {
      write.mockImplementationOnce(() => {
        throw new TypeError('a bug making the first report');
      });
      const bug = await run(chain, { dataDir: mkdtempSync(join(tmpdir(), 'baton-artifacts-')) });
      expect(names(bug.events)).toEqual(['context.json', 'agent-reports/s.task.1.md', 'summary.md']);

      write.mockImplementationOnce(() => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      });
      const full = await run(chain, { dataDir: mkdtempSync(join(tmpdir(), 'baton-artifacts-')) });
      expect(names(full.events)).toEqual(['context.json']);
      expect(full.state.status).toBe('succeeded');
      expect(errors).toHaveBeenCalledTimes(2);
    } finally {
      write.mockRestore();
      errors.mockRestore();
    }
  });
});

describe('artifact names are sanitised: no path escapes the run folder', () => {
  it('cleans names and slugs', () => {
    expect(safeName('stage.task.0')).toBe('stage.task.0');
    expect(safeName('../../etc/passwd')).toBe('____etc_passwd');
    expect(safeName('..')).toBe('_');
    expect(safeName('.hidden')).toBe('hidden');
    expect(safeName('')).toBe('unnamed');
    expect(slug('Full-stack feature: v2!')).toBe('full-stack-feature-v2');
    expect(slug('../..')).toBe('orchestration');
  });

  it('refuses a joined path that leaves the root', () => {
    expect(() => inside('/data/run', '..', 'x')).toThrow(/outside/);
    expect(() => inside('/data/run', '/etc/passwd')).toThrow(/outside/);
    expect(() => inside('/data/run', '')).toThrow(/outside/);
    expect(inside('/data/run', 'agent-reports', 'a.md')).toBe('/data/run/agent-reports/a.md');
  });
});
