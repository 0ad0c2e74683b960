import { describe, expect, it } from 'vitest';
import { agentsYaml, ofType, run } from './helpers.js';

/**
 * Plans far longer than the call stack is deep: the scheduler advances them with a work queue,
 * not recursion (a stack overflow would kill the process hosting the run).
 */
describe('long chains do not overflow the stack', () => {
  it('passes 3,000 pure sync points in a row', async () => {
    const points = Array.from({ length: 3000 }, (_, i) => `s${i}`).join(', ');
    const { state, events } = await run(`version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - id: bars
    pattern: parallel_with_sync
    parallel_execution: true
    sync_points: [${points}]
    tasks: [{ agent: a }, { agent: a, after: s2999 }]
`);
    expect(state.status).toBe('succeeded');
    const passed = ofType(events, 'barrier.passed').map((e) => (e.data as { name: string }).name);
    expect(passed).toHaveLength(3000);
    expect(passed.slice(0, 3)).toEqual(['s0', 's1', 's2']);
    expect(passed.at(-1)).toBe('s2999');
  });

  it('runs 8,000 chained empty stages, and skips 8,000 after a failed one', async () => {
    const empty = Array.from(
      { length: 8000 },
      (_, i) => `  - { id: e${i}, pattern: parallel_independent, tasks: [] }`,
    );
    const ok = await run(`version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
${empty.join('\n')}
  - { id: last, pattern: parallel_independent, tasks: [{ agent: a }] }
`);
    expect(ok.state.status).toBe('succeeded');
    expect(ok.state.stages.e7999?.status).toBe('succeeded');
    expect(ok.state.stages.last?.status).toBe('succeeded');

    const failing = await run(`version: 1
${agentsYaml({ a: 'duration: 1s', bad: 'duration: 1s, fail_rate: 1' })}stages:
  - { id: first, pattern: parallel_independent, tasks: [{ agent: bad }] }
${empty.join('\n')}
`);
    expect(failing.state.status).toBe('failed');
    expect(failing.state.stages.e7999?.status).toBe('skipped');
    expect(ofType(failing.events, 'stage.skipped')).toHaveLength(8000);
  });
});
