import { type RunEvent, reduceRun } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { agentsYaml, compileYaml, forStep, ofType, run, stepStatus } from './helpers.js';

/** The events of a run cut off just after the first event `cut` matches (a crash there). */
async function crashedAt(yaml: string, cut: (e: RunEvent) => boolean): Promise<RunEvent[]> {
  const { events } = await run(yaml);
  const at = events.findIndex(cut);
  expect(at).toBeGreaterThan(0);
  return events.slice(0, at + 1);
}

async function resume(yaml: string, previousEvents: RunEvent[]) {
  const r = await run(compileYaml(yaml), { previousEvents });
  // The listener hears only the new events; the log is the earlier ones followed by them.
  return { ...r, added: r.events, all: [...previousEvents, ...r.events] };
}

const fan = `version: 1
${agentsYaml({ svc: 'duration: 1s, jitter: 0.5, seed: 2', integ: 'duration: 1s' })}stages:
  - id: auth
    pattern: fan_out_fan_in
    fan_out: { agent: svc, tasks: [a, b, c, d] }
    fan_in: { agent: integ }
`;

describe('resume after a crash (previousEvents)', () => {
  it('keeps finished steps, re-runs interrupted ones with the attempt counted, and continues seq', async () => {
    const previous = await crashedAt(fan, (e) => e.type === 'step.succeeded');
    const finished = previous.filter((e) => e.type === 'step.succeeded').map((e) => e.stepId);
    expect(finished).toHaveLength(1);
    const { added, all, invocations, state } = await resume(fan, previous);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(added.some((e) => e.type === 'run.queued' || e.type === 'run.started')).toBe(false);
    expect(invocations.some((i) => i.stepId === finished[0])).toBe(false);
    const rerun = invocations.filter((i) => i.stepId.startsWith('auth.fanout'));
    expect(rerun).toHaveLength(3);
    for (const inv of rerun) expect(inv.attempt).toBe(2);
    // The fan-in gets every result, the one from before the crash included.
    const fanIn = invocations.find((i) => i.stepId === 'auth.fanin');
    expect(Object.keys(fanIn?.inputs ?? {}).sort()).toEqual([
      'auth.fanout.0',
      'auth.fanout.1',
      'auth.fanout.2',
      'auth.fanout.3',
    ]);
    const before = previous.find((e) => e.type === 'step.succeeded')?.data as { result: { output: string } };
    expect(fanIn?.inputs[finished[0] as string]?.output).toBe(before.result.output);
    expect(state.status).toBe('succeeded');
    expect(state.steps[finished[0] as string]?.attempt).toBe(1);
  });

  it('hands the artifacts produced before the crash down the rest of the chain', async () => {
    const chain = `version: 1
${agentsYaml({ a: 'duration: 1s, output: migration', b: 'duration: 1s' })}stages:
  - id: ship
    pattern: sequential_handoff
    parallel_execution: false
    handoff_artifacts: [script, schema]
    tasks: [{ agent: a }, { agent: b }, { agent: b }]
`;
    const previous = await crashedAt(chain, (e) => e.type === 'step.started' && e.stepId === 'ship.task.1');
    const { invocations, state } = await resume(chain, previous);
    expect(invocations.map((i) => [i.stepId, i.attempt])).toEqual([
      ['ship.task.1', 2],
      ['ship.task.2', 1],
    ]);
    expect(invocations[0]?.artifacts).toEqual({ script: 'migration' });
    expect(state.status).toBe('succeeded');
  });

  it('picks a review round up where it stopped: the revision still happens, with the findings', async () => {
    const yaml = `version: 1
${agentsYaml({ dev: 'duration: 1s', arch: 'duration: 1s, verdict: [changes_requested, approve], findings: [split the module]' })}stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    reviewer_agents: [arch]
    max_revisions: 1
`;
    // Crash after round 1's verdict was recorded, before the primary went back to work.
    const previous = await crashedAt(
      yaml,
      (e) => e.type === 'step.succeeded' && e.stepId === 'pay.reviewer.0',
    );
    const { invocations, state, added } = await resume(yaml, previous);
    expect(invocations.map((i) => [i.stepId, i.attempt, i.round])).toEqual([
      ['pay.primary', 2, 2],
      ['pay.reviewer.0', 2, 2],
    ]);
    expect(invocations[0]?.feedback).toEqual(['arch: split the module']);
    expect(ofType(added, 'review.verdict')[0]?.data).toMatchObject({ verdict: 'approve', round: 2 });
    expect(state.status).toBe('succeeded');
  });

  it('resumes mid-revision: a reviewer of the earlier round reviews again', async () => {
    const yaml = `version: 1
${agentsYaml({ dev: 'duration: 1s', arch: 'duration: 1s, verdict: [changes_requested, approve]' })}stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    reviewer_agents: [arch]
    max_revisions: 1
`;
    const previous = await crashedAt(
      yaml,
      (e) => e.type === 'step.succeeded' && e.stepId === 'pay.primary' && e.attempt === 2,
    );
    const { invocations, state } = await resume(yaml, previous);
    expect(invocations.map((i) => [i.stepId, i.round])).toEqual([['pay.reviewer.0', 2]]);
    expect(state.status).toBe('succeeded');
  });

  it('re-runs a phase whose failed validation the crash interrupted', async () => {
    const yaml = `version: 1
${agentsYaml({ dev: 'duration: 1s', tests: 'duration: 1s, verdict: [changes_requested, approve]' })}stages:
  - id: gql
    pattern: incremental_validation
    max_attempts: 2
    phases:
      - { name: users, agent: dev, validator: tests }
      - { name: tasks, agent: dev }
`;
    const previous = await crashedAt(
      yaml,
      (e) => e.type === 'step.succeeded' && e.stepId === 'gql.phase.0.validator',
    );
    const { invocations, state } = await resume(yaml, previous);
    expect(invocations.map((i) => [i.stepId, i.round])).toEqual([
      ['gql.phase.0.agent', 2],
      ['gql.phase.0.validator', 2],
      ['gql.phase.1.agent', 1],
    ]);
    expect(state.status).toBe('succeeded');
  });

  it('selects the branch when the crash came between the analyzer and its choice', async () => {
    const yaml = `version: 1
${agentsYaml({ an: 'duration: 1s, condition: two', x: 'duration: 1s' })}stages:
  - id: c
    pattern: conditional_branching
    conditional_logic:
      analyzer: an
      branches: [{ condition: one, agent: x }, { condition: two, agent: x }]
`;
    const previous = await crashedAt(yaml, (e) => e.type === 'step.succeeded' && e.stepId === 'c.analyzer');
    const { added, invocations, state } = await resume(yaml, previous);
    expect(ofType(added, 'branch.selected')[0]?.data).toEqual({ condition: 'two', stepId: 'c.branch.1' });
    expect(invocations.map((i) => i.stepId)).toEqual(['c.branch.1']);
    expect(stepStatus(state, 'c.branch.0')).toBe('skipped');
  });

  it('starts the next stage when the crash came right after a stage ended', async () => {
    const yaml = `version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - { id: one, pattern: parallel_independent, tasks: [{ agent: a }] }
  - { id: two, pattern: parallel_independent, tasks: [{ agent: a }] }
`;
    const previous = await crashedAt(yaml, (e) => e.type === 'stage.succeeded' && e.stageId === 'one');
    const { added, state } = await resume(yaml, previous);
    expect(added[0]).toMatchObject({ type: 'stage.started', stageId: 'two', seq: previous.length + 1 });
    expect(state.status).toBe('succeeded');
  });

  it('adds nothing to a run that had already ended', async () => {
    const { events } = await run(fan);
    const { added, state } = await resume(fan, events);
    expect(added).toHaveLength(0);
    expect(state.status).toBe('succeeded');
    expect(forStep(events, 'auth.fanin', 'step.succeeded')).toHaveLength(1);
  });
});

/** Each step's final status and the last round it ran in (`step.started` data), from a whole log. */
function outcome(events: readonly RunEvent[]) {
  const state = reduceRun(events);
  const rounds: Record<string, number> = {};
  for (const e of events) {
    if (e.type === 'step.started' && e.stepId) rounds[e.stepId] = (e.data as { round?: number }).round ?? 1;
  }
  const steps = Object.fromEntries(Object.entries(state.steps).map(([id, s]) => [id, s.status]));
  return { status: state.status, steps, rounds };
}

/** A crash after any event of the run: the resumed run ends as the uninterrupted one did. */
async function resumesFromEveryPrefix(yaml: string) {
  const whole = await run(yaml);
  const expected = outcome(whole.events);
  for (let cut = 1; cut < whole.events.length; cut++) {
    const previous = whole.events.slice(0, cut);
    const { all } = await resume(yaml, previous);
    const at = `cut after #${cut} ${previous.at(-1)?.type} ${previous.at(-1)?.stepId ?? ''}`;
    expect(outcome(all), at).toEqual(expected);
    // A log written before step.queued carried the round resumes alike.
    const older = previous.map((e) => (e.type === 'step.queued' ? { ...e, data: undefined } : e));
    expect(outcome((await resume(yaml, older)).all), `${at} (no round queued)`).toEqual(expected);
  }
  return expected;
}

describe('resume from every point of a run', () => {
  it('a revision queued for a slot keeps its round: the reviewers review it again', async () => {
    const expected = await resumesFromEveryPrefix(`version: 1
defaults: { max_concurrent: 1 }
${agentsYaml({ dev: 'duration: 1s', arch: 'duration: 1s, verdict: [changes_requested, approve], findings: [split the module]' })}stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    reviewer_agents: [arch]
    max_revisions: 1
`);
    expect(expected).toEqual({
      status: 'succeeded',
      steps: { 'pay.primary': 'succeeded', 'pay.reviewer.0': 'succeeded' },
      rounds: { 'pay.primary': 2, 'pay.reviewer.0': 2 },
    });
  });

  it('every other pattern too: validation re-runs, barriers, branches, parallel reviews', async () => {
    const expected = await resumesFromEveryPrefix(`version: 1
defaults: { max_concurrent: 2 }
${agentsYaml({
  a: 'duration: 1s',
  tests: 'duration: 1s, verdict: [changes_requested, approve], findings: [flaky]',
  an: 'duration: 1s, condition: two',
  rev: 'duration: 1s, verdict: [changes_requested, approve]',
  ok: 'duration: 2s',
})}stages:
  - id: gql
    pattern: incremental_validation
    max_attempts: 2
    phases:
      - { name: users, agent: a, validator: tests }
      - { name: tasks, agent: a }
  - id: sync
    needs: []
    pattern: parallel_with_sync
    parallel_execution: true
    sync_points: [one, { name: two, agent: a }, three]
    tasks: [{ agent: a }, { agent: a, after: one }, { agent: a, after: three }]
  - id: pick
    needs: [sync]
    pattern: conditional_branching
    conditional_logic:
      analyzer: an
      branches: [{ condition: one, agent: a }, { condition: two, agent: a }]
  - id: pay
    needs: [gql]
    pattern: primary_with_reviewers
    primary_agent: a
    reviewer_agents: [rev, ok]
    parallel_execution: true
    max_revisions: 2
`);
    expect(expected.status).toBe('succeeded');
    expect(expected.rounds).toMatchObject({
      'gql.phase.0.validator': 2,
      'pay.primary': 2,
      'pay.reviewer.1': 2,
    });
  });

  it('a failed stage’s skips: the stages after it end skipped, every step of theirs too', async () => {
    const expected = await resumesFromEveryPrefix(`version: 1
${agentsYaml({ a: 'duration: 1s', bad: 'duration: 1s, fail_rate: 1' })}stages:
  - { id: one, pattern: parallel_independent, tasks: [{ agent: a }, { agent: bad }] }
  - { id: two, pattern: parallel_independent, tasks: [{ agent: a }, { agent: a }, { agent: a }] }
  - { id: three, pattern: sequential_handoff, parallel_execution: false, tasks: [{ agent: a }, { agent: a }] }
`);
    expect(expected.status).toBe('failed');
    expect(expected.steps).toMatchObject({ 'two.task.2': 'skipped', 'three.task.1': 'skipped' });
  });

  it('skips the steps of a stage skipped just before the crash, with the stage’s reason', async () => {
    const yaml = `version: 1
${agentsYaml({ bad: 'duration: 1s, fail_rate: 1', a: 'duration: 1s' })}stages:
  - { id: one, pattern: parallel_independent, tasks: [{ agent: bad }] }
  - { id: two, pattern: parallel_independent, tasks: [{ agent: a }, { agent: a }] }
`;
    const previous = await crashedAt(yaml, (e) => e.type === 'stage.skipped' && e.stageId === 'two');
    const { added, state } = await resume(yaml, previous);
    expect(added.map((e) => [e.type, e.stepId, (e.data as { reason?: string } | undefined)?.reason])).toEqual(
      [
        ['step.skipped', 'two.task.0', "needs stage 'one', which failed"],
        ['step.skipped', 'two.task.1', "needs stage 'one', which failed"],
        ['run.failed', undefined, undefined],
      ],
    );
    expect(state.status).toBe('failed');
  });
});
