import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_AGENTS, catalogFor, type RunEvent, stepFingerprints } from '@baton/core';
import { type RunHandle, type RunReuse, startRun, VirtualClock } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { agentsYaml, type Compiled, compileYaml, forStep, ofType, run, stepStatus } from './helpers.js';

/** What a retry of a run of `compiled` takes from it (the fingerprints as the server stores them). */
function reuseOf(compiled: Compiled, events: readonly RunEvent[]): RunReuse {
  return {
    events,
    fingerprints: stepFingerprints(compiled.plan, catalogFor(compiled.document.agents, BUILTIN_AGENTS)),
  };
}

/** Run `before`, then retry it as `after` (the same file, or an edited one). */
async function retry(before: string, after: string = before, options: Parameters<typeof run>[1] = {}) {
  const first = compileYaml(before);
  const earlier = await run(first);
  const second = await run(compileYaml(after), { ...options, reuse: reuseOf(first, earlier.events) });
  return { earlier, ...second };
}

const started = (events: readonly RunEvent[]) =>
  [...new Set(ofType(events, 'step.started').map((e) => e.stepId))].sort();
const reusedIds = (events: readonly RunEvent[]) =>
  ofType(events, 'step.succeeded')
    .filter((e) => (e.data as { reused?: boolean }).reused)
    .map((e) => e.stepId)
    .sort();
const resultOf = (events: readonly RunEvent[], stepId: string) =>
  (forStep(events, stepId, 'step.succeeded').at(-1)?.data as { result?: { output: string } } | undefined)
    ?.result;

const chain = (b: string, cTask = 'Client') => `version: 1
${agentsYaml({ a: 'duration: 1s, output: migration', b, c: 'duration: 1s' })}stages:
  - id: ship
    pattern: sequential_handoff
    parallel_execution: false
    handoff_artifacts: [script, api]
    tasks:
      - { agent: a, task: Migration }
      - { agent: b, task: API }
      - { agent: c, task: ${cTask} }
`;

describe('retry: reuse of an earlier run (StartRunOptions.reuse)', () => {
  it('reuses every step of an unchanged, succeeded run: no agent is called, the run succeeds', async () => {
    const yaml = chain('duration: 1s');
    const { earlier, events, invocations, state } = await retry(yaml);
    expect(earlier.state.status).toBe('succeeded');
    expect(state.status).toBe('succeeded');
    expect(invocations).toEqual([]);
    expect(ofType(events, 'step.started')).toEqual([]);
    expect(ofType(events, 'step.queued')).toEqual([]);
    expect(reusedIds(events)).toEqual(['ship.task.0', 'ship.task.1', 'ship.task.2']);
    for (const id of ['ship.task.0', 'ship.task.1', 'ship.task.2']) {
      expect(stepStatus(state, id)).toBe('reused');
      const before = forStep(earlier.events, id, 'step.succeeded')[0]?.data as Record<string, unknown>;
      const now = forStep(events, id, 'step.succeeded')[0];
      expect(now?.attempt).toBeUndefined();
      expect(now?.data).toEqual({
        reused: true,
        summary: before.summary,
        durationMs: before.durationMs,
        result: before.result,
      });
    }
    expect(state.stages.ship?.status).toBe('succeeded');
  });

  it('runs the failed step and what follows it; the steps before are reused and hand on their results', async () => {
    const { earlier, events, invocations, state } = await retry(
      chain('duration: 1s, fail_rate: 1'),
      chain('duration: 1s'),
    );
    expect(earlier.state.status).toBe('failed');
    expect(stepStatus(earlier.state, 'ship.task.2')).toBe('skipped');
    expect(state.status).toBe('succeeded');
    expect(reusedIds(events)).toEqual(['ship.task.0']);
    expect(started(events)).toEqual(['ship.task.1', 'ship.task.2']);
    const b = invocations.find((i) => i.stepId === 'ship.task.1');
    expect(b?.inputs['ship.task.0']).toEqual(resultOf(earlier.events, 'ship.task.0'));
    expect(b?.artifacts).toEqual({ script: 'migration' });
    // The first step of a retry starts at once: a reused step takes no time in it.
    expect(forStep(events, 'ship.task.1', 'step.started')[0]?.ts).toBe(new Date(0).toISOString());
  });

  it('runs again a step whose definition changed, and everything downstream of it', async () => {
    const { events, state } = await retry(chain('duration: 1s'), chain('duration: 2s'));
    expect(state.status).toBe('succeeded');
    expect(reusedIds(events)).toEqual(['ship.task.0']);
    expect(started(events)).toEqual(['ship.task.1', 'ship.task.2']);
  });

  it('reuses the steps upstream of a changed task, runs the changed one', async () => {
    const { events } = await retry(chain('duration: 1s'), chain('duration: 1s', 'Client v2'));
    expect(reusedIds(events)).toEqual(['ship.task.0', 'ship.task.1']);
    expect(started(events)).toEqual(['ship.task.2']);
  });

  it.each([
    ['the agent’s runtime settings', (y: string) => y.replace('output: migration', 'output: migration v2')],
    ['the task', (y: string) => y.replace('task: Migration', 'task: Migration v2')],
    ['the checklist', (y: string) => y.replace('task: Migration }', 'task: Migration, checklist: [x] }')],
    ['the retries', (y: string) => y.replace('task: Migration }', 'task: Migration, retries: 2 }')],
    ['the timeout', (y: string) => y.replace('task: Migration }', 'task: Migration, timeout: 5m }')],
    ['the handoff it produces', (y: string) => y.replace('[script, api]', '[script2, api]')],
    ['the agent', (y: string) => y.replace('{ agent: a, task: Migration }', '{ agent: c, task: Migration }')],
    ['a run-wide default', (y: string) => y.replace('stages:', 'defaults: { fallback_agent: c }\nstages:')],
  ])('a change of %s runs the step again', async (_what, edit) => {
    const yaml = chain('duration: 1s');
    const edited = edit(yaml);
    expect(edited).not.toBe(yaml);
    const { events } = await retry(yaml, edited);
    expect(started(events)).toContain('ship.task.0');
    expect(reusedIds(events)).not.toContain('ship.task.0');
  });

  it('a change that does not touch a step (another agent, a name, a description) keeps it reused', async () => {
    const yaml = chain('duration: 1s');
    const edited = yaml
      .replace('version: 1\n', 'version: 1\nname: Renamed\ndescription: now described\n')
      .replace(
        'c: { runtime: { kind: simulated, duration: 1s } }',
        'c: { runtime: { kind: simulated, duration: 3s } }',
      );
    const { events } = await retry(yaml, edited);
    expect(reusedIds(events)).toEqual(['ship.task.0', 'ship.task.1']);
    expect(started(events)).toEqual(['ship.task.2']);
  });

  it('a task inserted at the front shifts the ids: everything runs again', async () => {
    const yaml = chain('duration: 1s');
    const edited = yaml.replace('    tasks:\n', '    tasks:\n      - { agent: c, task: Setup }\n');
    const { events, invocations } = await retry(yaml, edited);
    expect(reusedIds(events)).toEqual([]);
    expect(invocations).toHaveLength(4);
  });

  it('reuses nothing from a step that is missing from the fingerprints', async () => {
    const first = compileYaml(chain('duration: 1s'));
    const earlier = await run(first);
    const reuse = reuseOf(first, earlier.events);
    const { 'ship.task.0': _gone, ...rest } = reuse.fingerprints;
    const { events } = await run(first, { reuse: { ...reuse, fingerprints: rest } });
    expect(reusedIds(events)).toEqual([]);
    expect(started(events)).toEqual(['ship.task.0', 'ship.task.1', 'ship.task.2']);
  });

  it('a stage that needs a stage that runs again runs again; stages before it are reused', async () => {
    const stages = (buildDuration: string) => `version: 1
${agentsYaml({ a: 'duration: 1s', b: `duration: ${buildDuration}`, c: 'duration: 1s' })}stages:
  - id: plan
    pattern: parallel_independent
    parallel_execution: true
    tasks: [{ agent: a, task: Plan }]
  - id: build
    pattern: parallel_independent
    parallel_execution: true
    tasks: [{ agent: b, task: Build }]
  - id: ship
    pattern: parallel_independent
    parallel_execution: true
    tasks: [{ agent: c, task: Ship }]
`;
    const { events, invocations } = await retry(stages('1s'), stages('2s'));
    expect(reusedIds(events)).toEqual(['plan.task.0']);
    expect(started(events)).toEqual(['build.task.0', 'ship.task.0']);
    // The stage after the re-run one gets the new result, not the earlier one.
    const ship = invocations.find((i) => i.stepId === 'ship.task.0');
    expect(Object.keys(ship?.inputs ?? {})).toEqual(['build.task.0']);
    expect(ofType(events, 'stage.succeeded').map((e) => e.stageId)).toEqual(['plan', 'build', 'ship']);
  });

  it('fan-out/fan-in: the fan-out that failed runs, the others are reused, the fan-in gets every result', async () => {
    const fan = (failRate: number) => `version: 1
${agentsYaml({ svc: 'duration: 1s', flaky: `duration: 1s, fail_rate: ${failRate}`, integ: 'duration: 1s' })}stages:
  - id: auth
    pattern: parallel_independent
    parallel_execution: true
    tasks: [{ agent: svc, task: a }, { agent: flaky, task: b }]
  - id: join
    pattern: fan_out_fan_in
    fan_out: { agent: svc, tasks: [x, y] }
    fan_in: { agent: integ }
`;
    const { earlier, events, invocations, state } = await retry(fan(1), fan(0));
    expect(earlier.state.status).toBe('failed');
    expect(state.status).toBe('succeeded');
    expect(reusedIds(events)).toEqual(['auth.task.0']);
    expect(started(events)).toEqual(['auth.task.1', 'join.fanin', 'join.fanout.0', 'join.fanout.1']);
    // The stage's entry steps get the reused result beside the new one.
    const x = invocations.find((i) => i.stepId === 'join.fanout.0');
    expect(x?.inputs['auth.task.0']).toEqual(resultOf(earlier.events, 'auth.task.0'));
    expect(Object.keys(x?.inputs ?? {}).sort()).toEqual(['auth.task.0', 'auth.task.1']);

    // And a fan-out stage whose fan-in failed: the fan-outs are reused, the fan-in runs on their results.
    const join = (failRate: number) => `version: 1
${agentsYaml({ svc: 'duration: 1s', integ: `duration: 1s, fail_rate: ${failRate}` })}stages:
  - id: join
    pattern: fan_out_fan_in
    fan_out: { agent: svc, tasks: [x, y, z] }
    fan_in: { agent: integ }
`;
    const second = await retry(join(1), join(0));
    expect(second.state.status).toBe('succeeded');
    expect(reusedIds(second.events)).toEqual(['join.fanout.0', 'join.fanout.1', 'join.fanout.2']);
    expect(second.invocations.map((i) => i.stepId)).toEqual(['join.fanin']);
    expect(second.invocations[0]?.inputs['join.fanout.1']).toEqual(
      resultOf(second.earlier.events, 'join.fanout.1'),
    );
  });

  describe('primary_with_reviewers', () => {
    const review = (qa: string, extra = '') => `version: 1
${agentsYaml({ dev: 'duration: 2s, output: the code', arch: 'duration: 1s', qa })}stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    primary_task: Payment API
    reviewer_agents: [arch, qa]
    parallel_execution: true
${extra}`;

    it('primary reused, a reviewer changed: that reviewer runs on the reused result, the other is reused', async () => {
      const { earlier, events, invocations, state } = await retry(
        review('duration: 1s, fail_rate: 1'),
        review('duration: 1s'),
      );
      expect(earlier.state.status).toBe('failed');
      expect(state.status).toBe('succeeded');
      expect(reusedIds(events)).toEqual(['pay.primary', 'pay.reviewer.0']);
      expect(invocations.map((i) => i.stepId)).toEqual(['pay.reviewer.1']);
      expect(invocations[0]?.inputs['pay.primary']).toEqual(resultOf(earlier.events, 'pay.primary'));
      // The reused reviewer's verdict is announced as if it had reviewed now.
      expect(forStep(events, 'pay.reviewer.0', 'review.verdict').map((e) => e.data)).toEqual([
        { verdict: 'approve', findings: [], round: 1 },
      ]);
      expect(state.steps['pay.reviewer.0']?.verdict).toBe('approve');
    });

    it('a changed reviewer that requests changes sends the reused primary back to work: both run again', async () => {
      const { events, invocations, state } = await retry(
        review('duration: 1s', '    max_revisions: 1\n'),
        review(
          'duration: 1s, verdict: [changes_requested, approve], findings: [add tests]',
          '    max_revisions: 1\n',
        ),
      );
      expect(state.status).toBe('succeeded');
      expect(reusedIds(events)).toEqual(['pay.primary', 'pay.reviewer.0']);
      expect(invocations.map((i) => [i.stepId, i.round])).toEqual([
        ['pay.reviewer.1', 1],
        ['pay.primary', 2],
        ['pay.reviewer.0', 2],
        ['pay.reviewer.1', 2],
      ]);
      expect(invocations[1]?.feedback).toEqual(['qa: add tests']);
      expect(stepStatus(state, 'pay.primary')).toBe('succeeded');
    });

    it('a changed primary runs, and so does every reviewer of it', async () => {
      const { events, invocations } = await retry(
        review('duration: 1s'),
        review('duration: 1s').replace('Payment API', 'Payment API v2'),
      );
      expect(reusedIds(events)).toEqual([]);
      expect(invocations.map((i) => i.stepId).sort()).toEqual([
        'pay.primary',
        'pay.reviewer.0',
        'pay.reviewer.1',
      ]);
    });
  });

  describe('conditional_branching', () => {
    const branching = (cleaner: string) => `version: 1
${agentsYaml({ analyst: 'duration: 1s, condition: high_complexity', cleaner, commenter: 'duration: 1s' })}stages:
  - id: cleanup
    pattern: conditional_branching
    conditional_logic:
      analyzer: analyst
      analyzer_task: Analyse the codebase
      branches:
        - { condition: simple_cleanup, agent: commenter }
        - { condition: high_complexity, agent: cleaner }
`;

    it('the analyzer reused: its recorded condition picks the branch, which runs; the others are skipped', async () => {
      const { earlier, events, invocations, state } = await retry(
        branching('duration: 1s, fail_rate: 1'),
        branching('duration: 1s'),
      );
      expect(earlier.state.status).toBe('failed');
      expect(state.status).toBe('succeeded');
      expect(reusedIds(events)).toEqual(['cleanup.analyzer']);
      expect(invocations.map((i) => i.stepId)).toEqual(['cleanup.branch.1']);
      expect(ofType(events, 'branch.selected').map((e) => e.data)).toEqual([
        { condition: 'high_complexity', stepId: 'cleanup.branch.1' },
      ]);
      expect(stepStatus(state, 'cleanup.branch.0')).toBe('skipped');
      expect(invocations[0]?.inputs['cleanup.analyzer']?.condition).toBe('high_complexity');
    });

    it('a whole branching stage reused: the branch taken is reused, a stage after it too', async () => {
      const yaml = `${branching('duration: 1s')}  - id: after
    pattern: parallel_independent
    parallel_execution: true
    tasks: [{ agent: commenter, task: Tidy }]
`;
      const { events, invocations, state } = await retry(yaml);
      expect(invocations).toEqual([]);
      expect(reusedIds(events)).toEqual(['after.task.0', 'cleanup.analyzer', 'cleanup.branch.1']);
      expect(stepStatus(state, 'cleanup.branch.0')).toBe('skipped');
      expect(state.status).toBe('succeeded');
    });

    it('offering other conditions runs the analyzer again (its prompt names them)', async () => {
      const yaml = branching('duration: 1s');
      const edited = yaml.replace('condition: simple_cleanup', 'condition: tiny_cleanup');
      const { events } = await retry(yaml, edited);
      expect(started(events)).toEqual(['cleanup.analyzer', 'cleanup.branch.1']);
    });
  });

  describe('incremental_validation', () => {
    const phases = (validator: string) => `version: 1
${agentsYaml({ dev: 'duration: 2s', tester: validator })}stages:
  - id: gql
    pattern: incremental_validation
    sequential: true
    max_attempts: 2
    phases:
      - { name: users, agent: dev, validator: tester }
      - { name: tasks, agent: dev, validator: tester }
`;

    it('phase-1 agent reused, its validator changed: the validator runs on the reused result, then phase 2', async () => {
      const { earlier, events, invocations, state } = await retry(
        phases('duration: 1s, fail_rate: 1'),
        phases('duration: 1s'),
      );
      expect(earlier.state.status).toBe('failed');
      // The earlier run re-ran phase 1 once (max_attempts 2): its last result is the one reused.
      expect(forStep(earlier.events, 'gql.phase.0.agent', 'step.started')).toHaveLength(2);
      expect(state.status).toBe('succeeded');
      expect(reusedIds(events)).toEqual(['gql.phase.0.agent']);
      expect(forStep(events, 'gql.phase.0.agent', 'step.started')).toEqual([]);
      expect(invocations.map((i) => i.stepId)).toEqual([
        'gql.phase.0.validator',
        'gql.phase.1.agent',
        'gql.phase.1.validator',
      ]);
      expect(invocations[0]?.inputs['gql.phase.0.agent']).toEqual(
        resultOf(earlier.events, 'gql.phase.0.agent'),
      );
      expect(stepStatus(state, 'gql.phase.0.agent')).toBe('reused');
    });

    it('a validator that asks for changes re-runs the reused phase (not reused again), with its findings', async () => {
      const { events, invocations, state } = await retry(
        phases('duration: 1s'),
        phases('duration: 1s, verdict: [changes_requested, approve], findings: [cover errors]'),
      );
      expect(state.status).toBe('succeeded');
      expect(reusedIds(events)).toEqual(['gql.phase.0.agent']);
      expect(invocations.map((i) => [i.stepId, i.round])).toEqual([
        ['gql.phase.0.validator', 1],
        ['gql.phase.0.agent', 2],
        ['gql.phase.0.validator', 2],
        // The validator asks for changes in every first round: phase 2 goes through it too.
        ['gql.phase.1.agent', 1],
        ['gql.phase.1.validator', 1],
        ['gql.phase.1.agent', 2],
        ['gql.phase.1.validator', 2],
      ]);
      expect(invocations[1]?.feedback).toEqual(['tester: cover errors']);
      expect(stepStatus(state, 'gql.phase.0.agent')).toBe('succeeded');
    });
  });

  it('parallel_with_sync: a pure barrier passed before passes as reused; what failed after it runs', async () => {
    const sync = (late: string) => `version: 1
${agentsYaml({ fast: 'duration: 1s', late })}stages:
  - id: rt
    pattern: parallel_with_sync
    parallel_execution: true
    sync_points: [contract, types]
    tasks:
      - { agent: fast, task: research }
      - { agent: fast, task: backend, after: contract }
      - { agent: late, task: frontend, after: contract }
      - { agent: fast, task: client types, after: types }
`;
    const { earlier, events, invocations, state } = await retry(
      sync('duration: 1s, fail_rate: 1'),
      sync('duration: 1s'),
    );
    expect(earlier.state.status).toBe('failed');
    expect(state.status).toBe('succeeded');
    expect(reusedIds(events)).toEqual(['rt.sync.0', 'rt.task.0', 'rt.task.1']);
    expect(invocations.map((i) => i.stepId)).toEqual(['rt.task.2', 'rt.task.3']);
    expect(ofType(events, 'barrier.passed').map((e) => e.stepId)).toEqual(['rt.sync.0', 'rt.sync.1']);
    expect(stepStatus(state, 'rt.sync.0')).toBe('reused');
    expect(stepStatus(state, 'rt.sync.1')).toBe('succeeded');
  });

  it('a reused step gets its report in the new run’s folder, marked reused; summary.md says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-reuse-'));
    const { handle, events } = await retry(chain('duration: 1s, fail_rate: 1'), chain('duration: 1s'), {
      dataDir,
    });
    const reports = ofType(events, 'artifact.created').map((e) => (e.data as { name: string }).name);
    expect(reports).toContain('agent-reports/ship.task.0-report.md');
    expect(reports).toContain('script');
    const dir = handle.artifactsDir as string;
    const report = readFileSync(join(dir, 'agent-reports', 'ship.task.0-report.md'), 'utf8');
    expect(report).toContain('reused');
    expect(report).toContain('migration');
    expect(readFileSync(join(dir, 'handoff', 'script.md'), 'utf8')).toContain('migration');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/\| ship\.task\.0 \| a \| reused \|/);
  });

  it('a retry resumed after a crash keeps what it reused, and the downstream rule still holds', async () => {
    const first = compileYaml(chain('duration: 1s, fail_rate: 1'));
    const earlier = await run(first);
    const fixed = compileYaml(chain('duration: 1s'));
    const reuse = reuseOf(first, earlier.events);
    const full = await run(fixed, { reuse });
    const cut = full.events.findIndex((e) => e.type === 'step.started' && e.stepId === 'ship.task.1');
    const previousEvents = full.events.slice(0, cut + 1);
    const resumed = await run(fixed, { reuse, previousEvents });
    expect(resumed.state.status).toBe('succeeded');
    expect(resumed.invocations.map((i) => [i.stepId, i.attempt])).toEqual([
      ['ship.task.1', 2],
      ['ship.task.2', 1],
    ]);
    expect(stepStatus(resumed.state, 'ship.task.0')).toBe('reused');
    expect(reusedIds(resumed.events)).toEqual([]);
  });

  it('a cancel while reused steps pass stops the run there: nothing after is reused or run', async () => {
    const first = compileYaml(chain('duration: 1s'));
    const earlier = await run(first);
    const events: RunEvent[] = [];
    let handle: RunHandle | null = null;
    handle = startRun({
      runId: 'retry',
      document: first.document,
      plan: first.plan,
      agents: BUILTIN_AGENTS,
      clock: new VirtualClock(),
      reuse: reuseOf(first, earlier.events),
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'step.succeeded') handle?.cancel('stop');
      },
    });
    const state = await handle.done;
    expect(state.status).toBe('cancelled');
    expect(reusedIds(events)).toEqual(['ship.task.0']);
    expect(stepStatus(state, 'ship.task.1')).toBe('skipped');
    expect(stepStatus(state, 'ship.task.2')).toBe('skipped');
    expect(ofType(events, 'step.started')).toEqual([]);
  });
});
