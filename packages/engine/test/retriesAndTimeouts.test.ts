import { describe, expect, it } from 'vitest';
import { agentsYaml, first, forStep, ms, ofType, run, start, stepStatus } from './helpers.js';

const one = (agents: Record<string, string>, task: string) => `version: 1
${agentsYaml(agents)}stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: flaky, task: work, ${task} }
`;

describe('retries, fallback and timeouts', () => {
  it('retries with exponential backoff, counting every attempt in the events', async () => {
    const { events, state } = await run(one({ flaky: 'duration: 1s, fail_rate: 1' }, 'retries: 3'));
    const retrying = forStep(events, 's.task.0', 'step.retrying');
    expect(retrying.map((e) => [e.attempt, (e.data as { delayMs: number }).delayMs])).toEqual([
      [1, 1000],
      [2, 2000],
      [3, 4000],
    ]);
    const starts = forStep(events, 's.task.0', 'step.started');
    expect(starts.map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
    // 1s work, 1s wait, 1s, 2s wait, 1s, 4s wait, 1s.
    expect(starts.map(ms)).toEqual([0, 2000, 5000, 10000]);
    expect(stepStatus(state, 's.task.0')).toBe('failed');
    expect(state.steps['s.task.0']?.attempt).toBe(4);
  });

  it('a retry that succeeds ends the step succeeded', async () => {
    // fail_rate 0.5 with this seed fails the first attempt and passes the second.
    const { events, state } = await run(
      one({ flaky: 'duration: 1s, fail_rate: 0.5, seed: 4' }, 'retries: 2'),
    );
    expect(forStep(events, 's.task.0', 'step.retrying')).toHaveLength(1);
    expect(stepStatus(state, 's.task.0')).toBe('succeeded');
    expect(first(events, 's.task.0', 'step.succeeded').attempt).toBe(2);
  });

  it('runs the fallback agent once after the retries are spent (retry_once_then_fallback)', async () => {
    const { events, invocations, state } = await run(
      one(
        { flaky: 'duration: 1s, fail_rate: 1', helper: 'duration: 1s, output: rescued' },
        'retries: 1, fallback_agent: helper',
      ),
    );
    expect(invocations.map((i) => [i.agent, i.attempt])).toEqual([
      ['flaky', 1],
      ['flaky', 2],
      ['helper', 3],
    ]);
    const starts = forStep(events, 's.task.0', 'step.started');
    expect(starts[2]?.data).toEqual({ agent: 'helper', fallback: true, simulated: true });
    expect(forStep(events, 's.task.0', 'step.retrying').at(-1)?.data).toMatchObject({
      delayMs: 0,
      fallback: 'helper',
    });
    expect(stepStatus(state, 's.task.0')).toBe('succeeded');
    expect(state.steps['s.task.0']?.agent).toBe('helper');
    expect(state.steps['s.task.0']?.summary).toBe('rescued');
  });

  it('fails an attempt that outlives its timeout, and retries it', async () => {
    const { events, state } = await run(one({ flaky: 'duration: 10s' }, 'timeout: 3s, retries: 1'));
    const failed = first(events, 's.task.0', 'step.failed');
    expect(failed.data).toMatchObject({ error: 'timed out after 3s' });
    expect(forStep(events, 's.task.0', 'step.retrying')[0]?.data).toMatchObject({
      error: 'timed out after 3s',
    });
    // 3s, 1s backoff, 3s.
    expect(ms(failed)).toBe(7000);
    expect(state.status).toBe('failed');
  });

  it('the backoff is divided by the run’s speed too', async () => {
    const { events } = await run(one({ flaky: 'duration: 1s, fail_rate: 1' }, 'retries: 2'), { speed: 10 });
    expect(forStep(events, 's.task.0', 'step.started').map(ms)).toEqual([0, 200, 500]);
  });
});

describe('cancel (virtual time)', () => {
  it('cancels running steps, skips those not started, and ends with run.cancelled', async () => {
    const yaml = `version: 1
${agentsYaml({ a: 'duration: 5s', b: 'duration: 1s' })}stages:
  - id: one
    pattern: parallel_independent
    tasks: [{ agent: a }, { agent: b }]
  - id: two
    pattern: parallel_independent
    tasks: [{ agent: b }]
`;
    const r = start(yaml);
    await r.clock.sleep(2000);
    r.handle.cancel('user asked');
    const state = await r.handle.done;
    expect(state.status).toBe('cancelled');
    expect(stepStatus(state, 'one.task.0')).toBe('cancelled');
    expect(stepStatus(state, 'one.task.1')).toBe('succeeded');
    expect(stepStatus(state, 'two.task.0')).toBe('skipped');
    expect(state.stages.two?.status).toBe('skipped');
    expect(r.events.at(-1)).toMatchObject({ type: 'run.cancelled', data: { reason: 'user asked' } });
    expect(ms(r.events.at(-1)!)).toBe(2000);
    expect(ofType(r.events, 'step.cancelled')[0]?.data).toEqual({ reason: 'user asked' });
    // Cancelling again, or after the end, changes nothing.
    const count = r.events.length;
    r.handle.cancel();
    expect(r.events).toHaveLength(count);
  });

  it('a cancel right after the start ends the run without calling any agent', async () => {
    const r = start(
      `version: 1\n${agentsYaml({ a: 'duration: 1s' })}stages:\n  - { id: s, pattern: parallel_independent, tasks: [{ agent: a }] }\n`,
    );
    r.handle.cancel();
    const state = await r.handle.done;
    expect(state.status).toBe('cancelled');
    expect(r.invocations).toHaveLength(0);
    expect(stepStatus(state, 's.task.0')).toBe('skipped');
  });
});
