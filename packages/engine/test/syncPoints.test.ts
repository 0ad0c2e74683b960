import { describe, expect, it } from 'vitest';
import { agentsYaml, first, ms, ofType, run, stepStatus } from './helpers.js';

const synced = (agents: Record<string, string>, contractAgent = 'agent: lead, ') => `version: 1
${agentsYaml(agents)}stages:
  - id: rt
    pattern: parallel_with_sync
    parallel_execution: true
    sync_points:
      - { name: contract, ${contractAgent}task: Define the API contract }
      - types
      - { name: integration, agent: tester, task: End-to-end tests }
    tasks:
      - { agent: fast, task: research }
      - { agent: slow, task: spike }
      - { agent: fast, task: backend, after: contract }
      - { agent: slow, task: frontend, after: contract }
      - { agent: fast, task: client types, after: types }
`;

const agents = {
  lead: 'duration: 1s',
  fast: 'duration: 1s',
  slow: 'duration: 3s',
  tester: 'duration: 2s',
};

describe('parallel_with_sync', () => {
  it('never starts a task `after: S` before barrier S passed, and passes barriers in order', async () => {
    const { events, state } = await run(synced(agents));
    expect(state.status).toBe('succeeded');
    const passed = ofType(events, 'barrier.passed');
    expect(passed.map((e) => (e.data as { name: string }).name)).toEqual([
      'contract',
      'types',
      'integration',
    ]);
    const passedAt = new Map(passed.map((e) => [(e.data as { name: string }).name, e]));
    const after: Record<string, string> = {
      'rt.task.2': 'contract',
      'rt.task.3': 'contract',
      'rt.task.4': 'types',
    };
    for (const [step, barrier] of Object.entries(after)) {
      const start = first(events, step, 'step.started');
      const pass = passedAt.get(barrier)!;
      expect(start.seq).toBeGreaterThan(pass.seq);
      expect(ms(start)).toBeGreaterThanOrEqual(ms(pass));
    }
    // A barrier waits for all the work before it: contract (an agent) starts after the slowest
    // pre-barrier task (3s) and passes at 4s; the pure barrier 'types' when backend and frontend are done.
    expect(ms(first(events, 'rt.sync.0', 'step.started'))).toBe(3000);
    expect(ms(passedAt.get('contract')!)).toBe(4000);
    expect(ms(passedAt.get('types')!)).toBe(7000);
    expect(state.barriers.rt).toEqual(['contract', 'types', 'integration']);
    expect(stepStatus(state, 'rt.sync.1')).toBe('succeeded'); // a pure barrier is succeeded once passed
  });

  it('a pure barrier passes without an agent call', async () => {
    const { events, invocations } = await run(synced(agents, ''));
    expect(invocations.some((i) => i.stepId === 'rt.sync.0' || i.stepId === 'rt.sync.1')).toBe(false);
    expect(ofType(events, 'barrier.passed')).toHaveLength(3);
    expect(ms(first(events, 'rt.sync.0', 'barrier.passed'))).toBe(3000);
  });

  it('a failed sync point blocks everything after it: later tasks and barriers are skipped', async () => {
    const { events, state } = await run(synced({ ...agents, lead: 'duration: 1s, fail_rate: 1' }));
    expect(state.status).toBe('failed');
    expect(stepStatus(state, 'rt.sync.0')).toBe('failed');
    for (const id of ['rt.task.2', 'rt.task.3', 'rt.sync.1', 'rt.task.4', 'rt.sync.2']) {
      expect(stepStatus(state, id)).toBe('skipped');
    }
    expect(ofType(events, 'barrier.passed')).toHaveLength(0);
  });

  it('a failed task before a barrier keeps the barrier shut', async () => {
    const { state } = await run(synced({ ...agents, slow: 'duration: 3s, fail_rate: 1' }));
    expect(stepStatus(state, 'rt.task.0')).toBe('succeeded');
    expect(stepStatus(state, 'rt.task.1')).toBe('failed');
    expect(stepStatus(state, 'rt.sync.0')).toBe('skipped');
    expect(state.barriers.rt).toBeUndefined();
  });
});
