import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@baton/core';
import { createLocalDispatcher, type Dispatcher, realClock, VirtualClock } from '@baton/engine';
import { describe, expect, it, vi } from 'vitest';
import { RunArtifacts, sessionStamp } from '../src/artifacts/runArtifacts.js';
import { DistinctNames, inside, safeName, slug } from '../src/artifacts/safePath.js';
import { agentsYaml, compileYaml, ofType, run, start } from './helpers.js';

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

describe('artifacts (docs/design.md §3.2)', () => {
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
      `${rel}/agent-reports/ship.task.0-report.md`,
      `${rel}/handoff/____escape.md`,
      `${rel}/agent-reports/ship.task.1-report.md`,
      `${rel}/summary.md`,
    ]);
    expect(created[2]?.name).toBe('../../escape'); // the name as written; the file is sanitised
    for (const c of created) expect(existsSync(join(dataDir, c.path))).toBe(true);
    // context.json first, summary.md last, before the run's end.
    expect(events.findIndex((e) => e.type === 'artifact.created')).toBe(2);
    expect(events.at(-2)?.type).toBe('artifact.created');

    const context = JSON.parse(readFileSync(join(runDir, 'context.json'), 'utf8'));
    expect(context).toMatchObject({
      feature_name: 'Add role field: ../../etc',
      status: 'failed',
      summary_path: `${rel}/summary.md`,
      baton: {
        runId: 'test-run',
        orchestration: 'Add role field: ../../etc',
        speed: 1,
        seed: 0,
        outcome: 'failed',
      },
    });
    expect(context.agents_executed.map((a: { report_path: string }) => a.report_path)).toEqual([
      `${rel}/agent-reports/ship.task.0-report.md`,
      `${rel}/agent-reports/ship.task.1-report.md`,
    ]);

    const report = readFileSync(join(runDir, 'agent-reports', 'ship.task.0-report.md'), 'utf8');
    expect(report).toContain('# ship.task.0: a (simulated)');
    expect(report).toContain('- [x] Add column');
    expect(report).toContain('````text\n```\n# not a heading\nmigration\n````');
    const failedReport = readFileSync(join(runDir, 'agent-reports', 'ship.task.1-report.md'), 'utf8');
    expect(failedReport).toContain('## Error');
    expect(failedReport).toContain('simulated failure');

    const summary = readFileSync(join(runDir, 'summary.md'), 'utf8');
    expect(summary).toContain('- Status: failed');
    expect(summary).toContain('| ship.task.0 | a | succeeded (simulated) | 1 |');
    expect(summary).toContain('| ship.task.2 | a | skipped | 0 |  |');
    expect(summary).toContain('- Simulated: 2 of 3 agent steps ran a simulated stand-in');
    expect(summary).toContain('## ship.task.0: a (simulated)'); // each report, one heading level down
    expect(summary).toContain('\n# not a heading\n'); // but not inside the agent's output
    expect(summary).toContain('## ship.task.1: b (simulated)');
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
      'agent-reports/s.task.0-report.md',
      'agent-reports/s.task.1-report.md',
      'summary.md',
    ]);
    const report = readFileSync(
      join(handle.artifactsDir as string, 'agent-reports', 's.task.0-report.md'),
      'utf8',
    );
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
      expect(names(bug.events)).toEqual(['context.json', 'agent-reports/s.task.1-report.md', 'summary.md']);

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

describe('the seed skill’s layout, exactly', () => {
  const review = `version: 1
name: Seed layout
${agentsYaml({ dev: 'duration: 1s, output: done', rev: 'duration: 1s, verdict: approve' })}stages:
  - id: build
    pattern: sequential_handoff
    parallel_execution: false
    tasks: [{ agent: dev, task: one }, { agent: dev, task: two }]
  - id: check
    pattern: primary_with_reviewers
    needs: [build]
    primary_agent: dev
    primary_task: write it
    reviewer_agents: [rev]
`;

  it('a finished run: <YYYYMMDD_HHMMSS>/, agent-reports/*-report.md for every step, context.json with the seed’s fields, completed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-seed-'));
    const clock = new VirtualClock(Date.UTC(2025, 0, 2, 3, 4, 5));
    const { handle, state } = await run(review, { dataDir, clock, workspace: dataDir });
    expect(state.status).toBe('succeeded');
    const dir = handle.artifactsDir as string;
    expect(dir).toMatch(/[/\\]\.artifacts[/\\]seed-layout[/\\]\d{8}_\d{6}$/);
    const stamp = dir.slice(-15);
    expect(stamp).toBe(sessionStamp(Date.UTC(2025, 0, 2, 3, 4, 5)));
    const stepIds = Object.keys(state.steps);
    expect(readdirSync(join(dir, 'agent-reports')).sort()).toEqual(
      stepIds.map((id) => `${id}-report.md`).sort(),
    );
    const context = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8'));
    expect(Object.keys(context)).toEqual([
      'feature_name',
      'timestamp',
      'session_dir',
      'created_at',
      'status',
      'agents_executed',
      'summary_path',
      'baton',
    ]);
    const rel = `.artifacts/seed-layout/${stamp}`;
    expect(context).toMatchObject({
      feature_name: 'Seed layout',
      timestamp: stamp,
      session_dir: rel,
      created_at: '2025-01-02T03:04:05.000Z',
      status: 'completed',
      summary_path: `${rel}/summary.md`,
      baton: { runId: 'test-run', simulate: false, workspace: dataDir, outcome: 'succeeded' },
    });
    expect(context.agents_executed).toHaveLength(stepIds.length);
    for (const a of context.agents_executed) {
      expect(Object.keys(a)).toEqual(['name', 'started_at', 'completed_at', 'status', 'report_path']);
      expect(a.status).toBe('completed');
      expect(Date.parse(a.completed_at) - Date.parse(a.started_at)).toBe(1000);
      expect(existsSync(join(dataDir, a.report_path))).toBe(true);
    }
    expect(context.agents_executed.map((a: { name: string }) => a.name)).toEqual([
      'dev',
      'dev',
      'dev',
      'rev',
    ]);
    expect(existsSync(join(dataDir, context.summary_path))).toBe(true);
  });

  it('context.json is kept current as steps end: in_progress, with the agents that have ended', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-seed-'));
    const seen: { status: string; executed: number }[] = [];
    let contextFile = '';
    // Real time, each step longer than the least time between two rewrites.
    const r = start(review, { dataDir, clock: realClock, speed: 5 });
    const events = r.events;
    const push = events.push.bind(events);
    events.push = (...added) => {
      for (const e of added) {
        if (e.type === 'artifact.created' && (e.data as { name: string }).name === 'context.json')
          contextFile = join(dataDir, (e.data as { path: string }).path);
        if (e.type === 'step.started' && contextFile) {
          const c = JSON.parse(readFileSync(contextFile, 'utf8'));
          seen.push({ status: c.status, executed: c.agents_executed.length });
        }
      }
      return push(...added);
    };
    await r.handle.done;
    expect(seen).toEqual([
      { status: 'in_progress', executed: 0 },
      { status: 'in_progress', executed: 1 },
      { status: 'in_progress', executed: 2 },
      { status: 'in_progress', executed: 3 },
    ]);
    expect(JSON.parse(readFileSync(contextFile, 'utf8')).status).toBe('completed');
  });

  it('context.json is the same text as JSON.stringify would make it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-seed-'));
    const { handle } = await run(review, { dataDir });
    const text = readFileSync(join(handle.artifactsDir as string, 'context.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('a failed or cancelled run says failed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-seed-'));
    const failed = await run(yaml, { dataDir });
    const c = JSON.parse(readFileSync(join(failed.handle.artifactsDir as string, 'context.json'), 'utf8'));
    expect(c.status).toBe('failed');
    expect(c.agents_executed.map((a: { status: string }) => a.status)).toEqual(['completed', 'failed']);
    const r = start(review, { dataDir });
    setTimeout(() => r.handle.cancel('stop'), 0);
    await r.handle.done;
    const cc = JSON.parse(readFileSync(join(r.handle.artifactsDir as string, 'context.json'), 'utf8'));
    expect(cc).toMatchObject({ status: 'failed', baton: { outcome: 'cancelled' } });
  });

  it('a run resumed after a crash finds its folder, and its context.json carries on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-seed-'));
    const compiled = compileYaml(review);
    const first = await run(compiled, { dataDir });
    const dir = first.handle.artifactsDir as string;
    // The crash: the log and context.json as they were when the first step had ended.
    const cut = first.events.findIndex((e) => e.type === 'step.succeeded');
    const previous = first.events.slice(0, cut + 2); // its report's artifact.created too
    expect(previous.at(-1)?.type).toBe('artifact.created');
    const original = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8'));
    // Its rewrite after the first step's end had not happened yet: the log has the step, the file not.
    const before = {
      ...original,
      status: 'in_progress',
      summary_path: null,
      agents_executed: [],
      baton: { ...original.baton, steps: {} },
    };
    writeFileSync(join(dir, 'context.json'), JSON.stringify(before));
    const resumed = await run(compiled, { dataDir, previousEvents: previous });
    expect(resumed.state.status).toBe('succeeded');
    expect(resumed.handle.artifactsDir).toBe(dir);
    expect(readdirSync(join(dataDir, '.artifacts', 'seed-layout'))).toHaveLength(1);
    const after = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8'));
    expect(after.status).toBe('completed');
    expect(after.agents_executed).toHaveLength(4);
    expect(after.agents_executed[0]).toEqual(original.agents_executed[0]);
  });

  it('two runs in the same second: the second folder gets -2', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-seed-'));
    const a = await run(review, { dataDir, clock: new VirtualClock(5_000) });
    const b = await run(review, { dataDir, clock: new VirtualClock(5_400) });
    expect(
      (b.handle.artifactsDir as string).endsWith(`${(a.handle.artifactsDir as string).slice(-15)}-2`),
    ).toBe(true);
    const c = JSON.parse(readFileSync(join(b.handle.artifactsDir as string, 'context.json'), 'utf8'));
    expect(c.timestamp).toBe(sessionStamp(5_000));
    expect(c.session_dir.endsWith('-2')).toBe(true);
  });

  it('a dry run: summary.md and every report say simulated, context.json says simulate', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-seed-'));
    const real = `version: 1
agents:
  shell: { runtime: { kind: command, command: [does-not-exist-baton] } }
stages:
  - { id: s, pattern: parallel_independent, tasks: [{ agent: shell }, { agent: shell }] }
`;
    const { handle, state } = await run(real, { dataDir, simulate: true });
    expect(state.status).toBe('succeeded');
    const dir = handle.artifactsDir as string;
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('- Dry run: every agent simulated');
    expect(summary).toContain('| s.task.0 | shell | succeeded (simulated) |');
    expect(summary).toContain('| s.task.1 | shell | succeeded (simulated) |');
    expect(readFileSync(join(dir, 'agent-reports', 's.task.0-report.md'), 'utf8')).toContain('(simulated)');
    const c = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8'));
    expect(c.baton.simulate).toBe(true);
    expect(c.baton.steps['s.task.0']).toMatchObject({ simulated: true });
  });
});

describe('names that sanitise alike get distinct files; none overwrites another', () => {
  it('stage ids Ship and ship (one file on a case-insensitive disk), produces names my/file and my_file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-collide-'));
    const yaml = `version: 1
name: Collide
${agentsYaml({ x: 'duration: 1s, output: first', y: 'duration: 1s, output: second' })}stages:
  - id: Ship
    pattern: sequential_handoff
    parallel_execution: false
    handoff_artifacts: [my/file, my_file]
    tasks: [{ agent: x }, { agent: y }, { agent: x }]
  - id: ship
    pattern: sequential_handoff
    parallel_execution: false
    needs: [Ship]
    tasks: [{ agent: y }]
`;
    const compiled = compileYaml(yaml);
    const { handle, events } = await run(compiled, { dataDir });
    const created = ofType(events, 'artifact.created').map((e) => (e.data as { path: string }).path);
    expect(new Set(created.map((p) => p.toLowerCase())).size).toBe(created.length);
    const dir = handle.artifactsDir as string;
    expect(readdirSync(join(dir, 'agent-reports')).sort()).toEqual([
      'Ship.task.0-report.md',
      'Ship.task.1-report.md',
      'Ship.task.2-report.md',
      'ship.task.0-2-report.md',
    ]);
    expect(readdirSync(join(dir, 'handoff')).sort()).toEqual(['my_file-2.md', 'my_file.md']);
    expect(readFileSync(join(dir, 'handoff', 'my_file.md'), 'utf8')).toBe('first');
    expect(readFileSync(join(dir, 'handoff', 'my_file-2.md'), 'utf8')).toBe('second');
  });

  it('handoffs `api spec`, `api_spec`, `api/spec`, and `spec` handed over by two stages: a file each', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-collide-'));
    const yaml = `version: 1
name: Handoffs
${agentsYaml({ x: 'duration: 1s' })}stages:
  - id: a
    pattern: sequential_handoff
    parallel_execution: false
    handoff_artifacts: [api spec, api_spec, api/spec, spec]
    tasks: [{ agent: x, task: one }, { agent: x, task: two }, { agent: x, task: three }, { agent: x, task: four }, { agent: x, task: five }]
  - id: b
    pattern: sequential_handoff
    parallel_execution: false
    needs: [a]
    handoff_artifacts: [spec]
    tasks: [{ agent: x, task: six }, { agent: x, task: seven }]
`;
    const { handle, events } = await run(compileYaml(yaml), { dataDir });
    const dir = handle.artifactsDir as string;
    expect(readdirSync(join(dir, 'handoff')).sort()).toEqual([
      'api_spec-2.md',
      'api_spec-3.md',
      'api_spec.md',
      'spec-2.md',
      'spec.md',
    ]);
    const text = (file: string) => readFileSync(join(dir, 'handoff', file), 'utf8');
    expect(text('api_spec.md')).toMatch(/completed: one/);
    expect(text('api_spec-2.md')).toMatch(/completed: two/);
    expect(text('api_spec-3.md')).toMatch(/completed: three/);
    expect(text('spec.md')).toMatch(/completed: four/);
    expect(text('spec-2.md')).toMatch(/completed: six/);
    const handoffEvents = ofType(events, 'artifact.created')
      .map((e) => e.data as { name: string; path: string })
      .filter((d) => d.path.includes('/handoff/'));
    expect(handoffEvents.map((d) => d.name)).toEqual(['api spec', 'api_spec', 'api/spec', 'spec', 'spec']);
    expect(new Set(handoffEvents.map((d) => d.path)).size).toBe(5);
  });

  it('step ids a/b and a_b (a plan from elsewhere) get two reports, the same after a reopen', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-collide-'));
    const plan = { steps: [{ id: 'a/b' }, { id: 'a_b' }] } as unknown as Plan;
    const artifacts = RunArtifacts.create(dataDir, 'x', 0, plan);
    const one = artifacts.writeReport('a/b', 'one');
    const two = artifacts.writeReport('a_b', 'two');
    expect(one.path).not.toBe(two.path);
    expect(readdirSync(join(artifacts.dir, 'agent-reports')).sort()).toEqual([
      'a_b-2-report.md',
      'a_b-report.md',
    ]);
    const context = artifacts.writeContext({});
    const again = RunArtifacts.reopen(dataDir, context.path, plan);
    expect(again.readReport('a/b')).toBe('one');
    expect(again.readReport('a_b')).toBe('two');
  });

  it('reopen refuses a stored context.json path outside .artifacts/ (the data dir, its .artifacts, beyond)', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-reopen-'));
    const plan = { steps: [] } as unknown as Plan;
    for (const path of [
      'context.json',
      '.artifacts/context.json',
      '../elsewhere/context.json',
      '/tmp/context.json',
    ]) {
      expect(() => RunArtifacts.reopen(dataDir, path, plan)).toThrow(/outside the run's artifact folder/);
    }
    expect(RunArtifacts.reopen(dataDir, '.artifacts/x/20260101_000000/context.json', plan).sessionDir).toBe(
      '.artifacts/x/20260101_000000',
    );
    expect(readdirSync(dataDir)).toEqual(['.artifacts']);
  });

  it('DistinctNames: in order, case-insensitively, stable for a key', () => {
    const names = new DistinctNames('step', ['a/b', 'a_b', 'A_B', 'a_b-2']);
    expect(['a/b', 'a_b', 'A_B', 'a_b-2'].map((k) => names.of(k))).toEqual([
      'a_b',
      'a_b-2',
      'A_B-3',
      'a_b-2-2',
    ]);
    expect(names.of('a_b')).toBe('a_b-2');
    expect(names.of('')).toBe('step');
  });
});
