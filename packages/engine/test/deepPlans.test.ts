import type { Orchestration } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { agentsYaml, compileGrown, ofType, run } from './helpers.js';

/**
 * Plans far longer than the call stack is deep: the scheduler advances them with a work queue,
 * not recursion (a stack overflow would kill the process hosting the run). They are past what a
 * user's file may hold (YAML_LIMITS), so each is grown in code from a small file.
 */
describe('long chains do not overflow the stack', () => {
  it('passes 3,000 pure sync points in a row', async () => {
    const points = Array.from({ length: 3000 }, (_, i) => `s${i}`);
    const { state, events } = await run(
      compileGrown(
        `version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - id: bars
    pattern: parallel_with_sync
    parallel_execution: true
    sync_points: [s0]
    tasks: [{ agent: a }, { agent: a, after: s0 }]
`,
        (document) => {
          const stage = document.stages[0] as { sync_points: string[]; tasks: { after?: string }[] };
          stage.sync_points = points;
          (stage.tasks[1] as { after: string }).after = 's2999';
        },
      ),
    );
    expect(state.status).toBe('succeeded');
    const passed = ofType(events, 'barrier.passed').map((e) => (e.data as { name: string }).name);
    expect(passed).toHaveLength(3000);
    expect(passed.slice(0, 3)).toEqual(['s0', 's1', 's2']);
    expect(passed.at(-1)).toBe('s2999');
  });

  it('runs 8,000 chained empty stages, and skips 8,000 after a failed one', async () => {
    const empties = (document: Orchestration, at: number) => {
      const [template] = document.stages.splice(at, 1);
      const copies = Array.from({ length: 8000 }, (_, i) => ({ ...template, id: `e${i}` }));
      document.stages.splice(at, 0, ...(copies as typeof document.stages));
    };
    const ok = await run(
      compileGrown(
        `version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - { id: e, pattern: parallel_independent, tasks: [] }
  - { id: last, pattern: parallel_independent, tasks: [{ agent: a }] }
`,
        (document) => empties(document, 0),
      ),
    );
    expect(ok.state.status).toBe('succeeded');
    expect(ok.state.stages.e7999?.status).toBe('succeeded');
    expect(ok.state.stages.last?.status).toBe('succeeded');

    const failing = await run(
      compileGrown(
        `version: 1
${agentsYaml({ a: 'duration: 1s', bad: 'duration: 1s, fail_rate: 1' })}stages:
  - { id: first, pattern: parallel_independent, tasks: [{ agent: bad }] }
  - { id: e, pattern: parallel_independent, tasks: [] }
`,
        (document) => empties(document, 1),
      ),
    );
    expect(failing.state.status).toBe('failed');
    expect(failing.state.stages.e7999?.status).toBe('skipped');
    expect(ofType(failing.events, 'stage.skipped')).toHaveLength(8000);
  });
});
