import { describe, expect, it } from 'vitest';
import { agentsYaml, first, forStep, ms, ofType, peakConcurrency, run, stepStatus } from './helpers.js';

const parallel = (extra: string, agents: Record<string, string>) => `version: 1
${agentsYaml(agents)}stages:
  - id: build
    pattern: parallel_independent
    parallel_execution: true
${extra}    tasks:
      - { agent: a, task: one }
      - { agent: b, task: two }
      - { agent: a, task: three }
      - { agent: b, task: four }
`;

describe('parallel_independent', () => {
  it('runs every task at once when there is no limit', async () => {
    const { events, state } = await run(parallel('', { a: 'duration: 1s', b: 'duration: 2s' }));
    expect(state.status).toBe('succeeded');
    const starts = ofType(events, 'step.started').map(ms);
    expect(new Set(starts).size).toBe(1);
    expect(peakConcurrency(events, () => 'all').get('all')).toBe(4);
    expect(ms(ofType(events, 'run.succeeded')[0]!) - starts[0]!).toBe(2000);
  });

  it('keeps at most max_concurrent running, starting the next as soon as a slot frees', async () => {
    const { events, state } = await run(
      parallel('    max_concurrent: 2\n', { a: 'duration: 1s', b: 'duration: 3s' }),
    );
    expect(state.status).toBe('succeeded');
    expect(peakConcurrency(events, () => 'all').get('all')).toBe(2);
    // task.2 (a, 1s) takes the slot task.0 frees at 1s; task.3 the one task.2 frees at 2s.
    expect(ms(first(events, 'build.task.2', 'step.started'))).toBe(1000);
    expect(ms(first(events, 'build.task.3', 'step.started'))).toBe(2000);
  });

  it('fails the stage when a task fails, letting the others finish (none killed)', async () => {
    const { events, state } = await run(parallel('', { a: 'duration: 1s', b: 'duration: 2s, fail_rate: 1' }));
    expect(state.status).toBe('failed');
    expect(state.stages.build?.status).toBe('failed');
    expect(stepStatus(state, 'build.task.1')).toBe('failed');
    expect(stepStatus(state, 'build.task.0')).toBe('succeeded');
    expect(stepStatus(state, 'build.task.2')).toBe('succeeded');
    expect(ofType(events, 'step.cancelled')).toHaveLength(0);
    expect(ofType(events, 'step.skipped')).toHaveLength(0);
    expect(state.error).toMatch(/stage 'build' failed: 'build.task.1' failed: simulated failure/);
  });
});

const chain = (agents: Record<string, string>) => `version: 1
${agentsYaml(agents)}stages:
  - id: ship
    pattern: sequential_handoff
    parallel_execution: false
    handoff_artifacts: [migration_script, updated_schema, api_contract]
    tasks:
      - { agent: a, task: Database migration }
      - { agent: b, task: API update }
      - { agent: a, task: Frontend integration }
      - { agent: a, task: Release notes }
`;

describe('sequential_handoff', () => {
  it('starts task i only when task i-1 succeeded, and hands each task every artifact before it', async () => {
    const { events, invocations, state } = await run(
      chain({ a: 'duration: 1s, output: from-a', b: 'duration: 2s, output: from-b' }),
    );
    expect(state.status).toBe('succeeded');
    for (let i = 1; i < 4; i++) {
      const prevEnd = first(events, `ship.task.${i - 1}`, 'step.succeeded');
      const start = first(events, `ship.task.${i}`, 'step.started');
      expect(start.seq).toBeGreaterThan(prevEnd.seq);
      expect(ms(start)).toBeGreaterThanOrEqual(ms(prevEnd));
    }
    const byStep = new Map(invocations.map((inv) => [inv.stepId, inv]));
    expect(byStep.get('ship.task.0')?.artifacts).toEqual({});
    expect(byStep.get('ship.task.1')?.artifacts).toEqual({ migration_script: 'from-a' });
    expect(byStep.get('ship.task.2')?.artifacts).toEqual({
      migration_script: 'from-a',
      updated_schema: 'from-b',
    });
    // More tasks than artifact names: the fourth gets all three, and produces none itself.
    expect(byStep.get('ship.task.3')?.artifacts).toEqual({
      migration_script: 'from-a',
      updated_schema: 'from-b',
      api_contract: 'from-a',
    });
    expect(Object.keys(byStep.get('ship.task.3')?.inputs ?? {})).toEqual([
      'ship.task.0',
      'ship.task.1',
      'ship.task.2',
    ]);
  });

  it('stops the chain at a failure: the later tasks are skipped', async () => {
    const { events, state } = await run(chain({ a: 'duration: 1s', b: 'duration: 1s, fail_rate: 1' }));
    expect(state.status).toBe('failed');
    expect(stepStatus(state, 'ship.task.0')).toBe('succeeded');
    expect(stepStatus(state, 'ship.task.1')).toBe('failed');
    expect(stepStatus(state, 'ship.task.2')).toBe('skipped');
    expect(stepStatus(state, 'ship.task.3')).toBe('skipped');
    expect(forStep(events, 'ship.task.2', 'step.started')).toHaveLength(0);
    expect(first(events, 'ship.task.2', 'step.skipped').data).toEqual({ reason: "'ship.task.1' failed" });
    expect(first(events, 'ship.task.3', 'step.skipped').data).toEqual({
      reason: "'ship.task.2' was skipped",
    });
  });
});
