import { BUILTIN_AGENTS, compile, isTerminalStepStatus, parse, type RunEvent } from '@baton/core';
import { type Clock, startRun, VirtualClock } from '@baton/engine';
import { describe, expect, it, vi } from 'vitest';
import { agentsYaml, compileYaml, first, run, start, stepStatus } from './helpers.js';

/** Virtual time whose `now()` throws once, on the `failAt`-th call once armed: a fault inside the engine. */
class FaultyClock implements Clock {
  readonly inner = new VirtualClock();
  calls = 0;
  armed = false;
  failAt = Number.POSITIVE_INFINITY;
  now(): number {
    if (this.armed && ++this.calls === this.failAt) throw new Error('clock broke');
    return this.inner.now();
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.inner.sleep(ms, signal);
  }
  timer(ms: number, callback: () => void): () => void {
    return this.inner.timer(ms, callback);
  }
}

describe('the engine stays up when things around it go wrong', () => {
  it('a plan that can never finish (a needs cycle) fails the run instead of hanging', async () => {
    const { document } = parse(`version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - { id: one, needs: [two], pattern: parallel_independent, tasks: [{ agent: a }] }
  - { id: two, needs: [one], pattern: parallel_independent, tasks: [{ agent: a }] }
  - { id: free, needs: [], pattern: parallel_independent, tasks: [{ agent: a }] }
`);
    if (!document) throw new Error('unparsable');
    const { plan, issues } = compile(document);
    expect(issues.some((i) => i.message.startsWith('needs cycle'))).toBe(true);
    const { state } = await run({ document, plan });
    expect(state.status).toBe('failed');
    expect(state.stages.free?.status).toBe('succeeded');
    expect(state.stages.one?.status).toBe('skipped');
    expect(stepStatus(state, 'two.task.0')).toBe('skipped');
  });

  it('an agent missing from the catalog at run time fails its step, naming it', async () => {
    const yaml = `version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - { id: s, pattern: parallel_independent, tasks: [{ agent: a }] }
`;
    // The agent was known when the plan was compiled; the run's catalog no longer has it
    // (the registry changed between a crash and the resume).
    const parsed = parse(yaml);
    if (!parsed.document) throw new Error('unparsable');
    const plan = compile(parsed.document).plan;
    const document = { ...parsed.document, agents: {} };
    const gone = await run({ document, plan }, { agentsCatalog: BUILTIN_AGENTS });
    expect((first(gone.events, 's.task.0', 'step.failed').data as { error: string }).error).toBe(
      `unknown agent 'a': define it under "agents:" or in the agent registry`,
    );
    expect(gone.state.status).toBe('failed');
  });

  it('an agent named like an inherited property (constructor, __proto__) is no agent of the catalog', async () => {
    const parsed = parse(`version: 1
stages:
  - id: s
    pattern: parallel_independent
    tasks: [{ agent: constructor }, { agent: proto-to-be }, { agent: toString }, { agent: general-purpose }]
`);
    if (!parsed.document) throw new Error('unparsable');
    const plan = compile(parsed.document).plan;
    // A file may not name an agent __proto__ (core refuses it); a plan built in code still may.
    const proto = plan.steps.find((s) => s.agent === 'proto-to-be');
    if (!proto) throw new Error('no step for the second task');
    proto.agent = '__proto__';
    const { events, invocations, state } = await run({ document: parsed.document, plan });
    expect(invocations.map((i) => i.agent)).toEqual(['general-purpose']);
    for (const [i, name] of ['constructor', '__proto__', 'toString'].entries()) {
      expect((first(events, `s.task.${i}`, 'step.failed').data as { error: string }).error).toBe(
        `unknown agent '${name}': define it under "agents:" or in the agent registry`,
      );
    }
    expect(stepStatus(state, 's.task.3')).toBe('succeeded');
  });

  it('a dispatcher answer that throws when read fails its step; the run ends', async () => {
    const dispatcher = {
      execute: () =>
        Promise.resolve({
          get status(): 'succeeded' {
            throw new Error('unreadable result');
          },
          output: '',
        }),
    };
    const { events, state } = await run(
      `version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - { id: s, pattern: parallel_independent, tasks: [{ agent: a }] }
`,
      { dispatcher },
    );
    expect((first(events, 's.task.0', 'step.failed').data as { error: string }).error).toBe(
      'unreadable result',
    );
    expect(state.status).toBe('failed');
  });

  it('a listener that throws is reported and the run goes on', async () => {
    const parsed = parse(`version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - { id: s, pattern: sequential_handoff, parallel_execution: false, tasks: [{ agent: a }, { agent: a }] }
`);
    if (!parsed.document) throw new Error('unparsable');
    const { plan } = compile(parsed.document);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let seen = 0;
    const handle = startRun({
      runId: 'r',
      document: parsed.document,
      plan,
      agents: BUILTIN_AGENTS,
      clock: new VirtualClock(),
      onEvent: (e) => {
        seen++;
        if (e.type === 'step.started') throw new Error('disk full');
      },
    });
    const state = await handle.done;
    const calls = errors.mock.calls.length;
    errors.mockRestore();
    expect(state.status).toBe('succeeded');
    expect(seen).toBe(state.lastSeq);
    expect(calls).toBe(2);
  });

  it('an error inside the engine, wherever it is thrown, fails that run and settles done', async () => {
    const compiled = compileYaml(`version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - id: one
    pattern: parallel_with_sync
    parallel_execution: true
    sync_points: [mid]
    tasks: [{ agent: a }, { agent: a, after: mid }]
  - { id: two, pattern: sequential_handoff, parallel_execution: false, tasks: [{ agent: a }, { agent: a }] }
`);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const attempt = async (failAt: number) => {
      const clock = new FaultyClock();
      clock.failAt = failAt;
      const r = start(compiled, { clock });
      clock.armed = true; // from the first thing the engine does after startRun returns
      const state = await r.handle.done;
      const ended = r.events.length;
      await clock.inner.sleep(3_600_000); // steps told to stop come back: they add nothing
      return { ...r, state, ended, calls: clock.calls };
    };
    try {
      const healthy = await attempt(Number.POSITIVE_INFINITY);
      expect(healthy.state.status).toBe('succeeded');
      expect(healthy.calls).toBeGreaterThan(20);
      const ends: RunEvent['type'][] = ['run.succeeded', 'run.failed', 'run.cancelled'];
      // Every call: the first (run.started, before the scheduler begins), those in begin(),
      // and those after a step ended.
      for (let failAt = 1; failAt <= healthy.calls; failAt++) {
        const { state, events, ended } = await attempt(failAt);
        expect(events.length, `failAt ${failAt}`).toBe(ended);
        expect(state.status, `failAt ${failAt}`).toBe('failed');
        expect(state.error).toBe('internal error: clock broke');
        expect(events.filter((e) => ends.includes(e.type))).toHaveLength(1);
        expect(events.at(-1)?.type).toBe('run.failed');
        for (const step of compiled.plan.steps) {
          expect(isTerminalStepStatus(state.steps[step.id]?.status ?? 'idle'), step.id).toBe(true);
        }
        for (const stage of compiled.plan.stages) {
          expect(['failed', 'skipped', 'succeeded']).toContain(state.stages[stage.id]?.status);
        }
      }
    } finally {
      errors.mockRestore();
    }
  });
});
