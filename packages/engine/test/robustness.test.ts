import { BUILTIN_AGENTS, compile, parse } from '@baton/core';
import { startRun, VirtualClock } from '@baton/engine';
import { describe, expect, it, vi } from 'vitest';
import { agentsYaml, first, run, stepStatus } from './helpers.js';

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
});
