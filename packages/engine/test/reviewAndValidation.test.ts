import { describe, expect, it } from 'vitest';
import { agentsYaml, first, forStep, ms, ofType, run, stepStatus } from './helpers.js';

const review = (agents: Record<string, string>, extra = '') => `version: 1
${agentsYaml(agents)}stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    primary_task: Payment API
    reviewer_agents: [arch, qa]
    review_tasks: { arch: Check the architecture }
${extra}`;

describe('primary_with_reviewers', () => {
  it('runs the primary, then the reviewers in parallel, each given the primary’s result', async () => {
    const { events, invocations, state } = await run(
      review(
        { dev: 'duration: 2s, output: the code', arch: 'duration: 1s', qa: 'duration: 1s' },
        '    parallel_execution: true\n',
      ),
    );
    expect(state.status).toBe('succeeded');
    const primaryEnd = first(events, 'pay.primary', 'step.succeeded');
    for (const r of ['pay.reviewer.0', 'pay.reviewer.1']) {
      expect(ms(first(events, r, 'step.started'))).toBe(ms(primaryEnd));
      expect(first(events, r, 'review.verdict').data).toEqual({ verdict: 'approve', findings: [], round: 1 });
    }
    const arch = invocations.find((i) => i.stepId === 'pay.reviewer.0');
    expect(arch?.inputs['pay.primary']?.output).toBe('the code');
    expect(arch?.task).toBe('Check the architecture');
  });

  it('reviews one after another without parallel_execution', async () => {
    const { events } = await run(
      review(
        { dev: 'duration: 2s', arch: 'duration: 1s', qa: 'duration: 1s' },
        '    parallel_execution: false\n',
      ),
    );
    expect(ms(first(events, 'pay.reviewer.1', 'step.started'))).toBe(
      ms(first(events, 'pay.reviewer.0', 'step.succeeded')),
    );
  });

  it('sends requested changes back: the primary revises with the findings, then review repeats', async () => {
    const { events, invocations, state } = await run(
      review(
        {
          dev: 'duration: 2s',
          arch: 'duration: 1s, verdict: [changes_requested, approve], findings: [use idempotency keys]',
          qa: 'duration: 1s',
        },
        '    max_revisions: 2\n',
      ),
    );
    expect(state.status).toBe('succeeded');
    const primaryCalls = invocations.filter((i) => i.stepId === 'pay.primary');
    expect(primaryCalls.map((i) => [i.attempt, i.round])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(primaryCalls[1]?.feedback).toEqual(['arch: use idempotency keys']);
    expect(primaryCalls[0]?.feedback).toBeUndefined();
    // Round 2 starts after every round-1 review is in, and both reviewers review the revision.
    const verdicts = ofType(events, 'review.verdict').map((e) => [
      e.stepId,
      (e.data as { round: number }).round,
    ]);
    expect(verdicts).toEqual([
      ['pay.reviewer.0', 1],
      ['pay.reviewer.1', 1],
      ['pay.reviewer.0', 2],
      ['pay.reviewer.1', 2],
    ]);
    const revision = forStep(events, 'pay.primary', 'step.started')[1]!;
    expect(revision.data).toEqual({ agent: 'dev', round: 2, simulated: true });
    expect(ms(revision)).toBe(3000);
    expect(state.steps['pay.primary']?.attempt).toBe(2);
    expect(state.steps['pay.reviewer.0']?.verdict).toBe('approve');
  });

  it('fails the stage when changes are still requested after the last revision', async () => {
    const { events, state } = await run(
      review(
        {
          dev: 'duration: 2s',
          arch: 'duration: 1s, verdict: changes_requested, findings: [no tests]',
          qa: 'duration: 1s',
        },
        '    max_revisions: 1\n',
      ),
    );
    expect(state.status).toBe('failed');
    expect(forStep(events, 'pay.primary', 'step.started')).toHaveLength(2);
    expect(stepStatus(state, 'pay.reviewer.0')).toBe('failed');
    expect(stepStatus(state, 'pay.reviewer.1')).toBe('succeeded');
    expect(state.stages.pay?.error).toBe(
      "'pay.reviewer.0' failed: changes requested after 1 revision: no tests",
    );
  });

  it('with max_revisions 0 (the default) requested changes fail the stage at once', async () => {
    const { events, state } = await run(
      review({ dev: 'duration: 2s', arch: 'duration: 1s, verdict: changes_requested', qa: 'duration: 1s' }),
    );
    expect(state.status).toBe('failed');
    expect(forStep(events, 'pay.primary', 'step.started')).toHaveLength(1);
  });
});

const phases = (agents: Record<string, string>, maxAttempts: number) => `version: 1
${agentsYaml(agents)}stages:
  - id: gql
    pattern: incremental_validation
    sequential: true
    max_attempts: ${maxAttempts}
    phases:
      - { name: users, agent: dev, validator: tests, task: users schema }
      - { name: tasks, agent: dev, validator: tests2, task: tasks schema }
      - { name: docs, agent: dev, task: docs }
`;

describe('incremental_validation', () => {
  it('runs each phase, then its validator on the phase’s result, in order', async () => {
    const { events, invocations, state } = await run(
      phases({ dev: 'duration: 1s, output: schema', tests: 'duration: 1s', tests2: 'duration: 1s' }, 1),
    );
    expect(state.status).toBe('succeeded');
    const order = ofType(events, 'step.started').map((e) => e.stepId);
    expect(order).toEqual([
      'gql.phase.0.agent',
      'gql.phase.0.validator',
      'gql.phase.1.agent',
      'gql.phase.1.validator',
      'gql.phase.2.agent',
    ]);
    expect(
      invocations.find((i) => i.stepId === 'gql.phase.0.validator')?.inputs['gql.phase.0.agent']?.output,
    ).toBe('schema');
  });

  it('a failed validation re-runs the phase with the findings while attempts remain', async () => {
    const { events, invocations, state } = await run(
      phases(
        {
          dev: 'duration: 1s',
          tests: 'duration: 1s, verdict: [changes_requested, approve], findings: [resolver returns null]',
          tests2: 'duration: 1s',
        },
        2,
      ),
    );
    expect(state.status).toBe('succeeded');
    const calls = invocations.filter((i) => i.stepId === 'gql.phase.0.agent');
    expect(calls.map((c) => [c.attempt, c.round])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(calls[1]?.feedback).toEqual(['tests: resolver returns null']);
    // Phase 2 starts only after the validator approved the re-run.
    const approved = forStep(events, 'gql.phase.0.validator', 'step.succeeded')[1]!;
    expect(first(events, 'gql.phase.1.agent', 'step.started').seq).toBeGreaterThan(approved.seq);
    expect(ms(first(events, 'gql.phase.1.agent', 'step.started'))).toBe(4000);
  });

  it('a validator that fails (rather than requests changes) also re-runs the phase', async () => {
    const { invocations, state } = await run(
      phases({ dev: 'duration: 1s', tests: 'duration: 1s, fail_rate: 1', tests2: 'duration: 1s' }, 3),
    );
    expect(invocations.filter((i) => i.stepId === 'gql.phase.0.agent')).toHaveLength(3);
    expect(invocations.filter((i) => i.stepId === 'gql.phase.0.validator')).toHaveLength(3);
    expect(invocations.find((i) => i.stepId === 'gql.phase.0.agent' && i.round === 2)?.feedback?.[0]).toMatch(
      /^tests: simulated failure/,
    );
    expect(state.status).toBe('failed');
    expect(stepStatus(state, 'gql.phase.1.agent')).toBe('skipped');
  });

  it('with no attempts left, later phases are skipped and the stage fails', async () => {
    const { events, state } = await run(
      phases(
        { dev: 'duration: 1s', tests: 'duration: 1s, verdict: changes_requested', tests2: 'duration: 1s' },
        1,
      ),
    );
    expect(state.status).toBe('failed');
    expect(state.stages.gql?.status).toBe('failed');
    expect(stepStatus(state, 'gql.phase.0.validator')).toBe('failed');
    for (const id of ['gql.phase.1.agent', 'gql.phase.1.validator', 'gql.phase.2.agent']) {
      expect(stepStatus(state, id)).toBe('skipped');
      expect(forStep(events, id, 'step.started')).toHaveLength(0);
    }
  });
});
