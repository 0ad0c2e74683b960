import { describe, expect, it } from 'vitest';
import { compile, estimate, type Plan, parse } from '../src/index.js';

const planOf = (text: string): Plan => compile(parse(text).document!).plan;
const seconds = (s: number) => s * 1000;

describe('estimate: critical path and makespan under the concurrency limits', () => {
  it('parallel tasks limited to 2 at once take two rounds', () => {
    const plan = planOf(
      `parallel_execution: true\nmax_concurrent: 2\ntasks:\n${'  - agent: comment-cleaner\n'.repeat(4)}`,
    );
    const e = estimate(plan, () => seconds(1));
    expect(e.makespanMs).toBe(seconds(2));
    expect(e.criticalPathMs).toBe(seconds(1));
    expect(e.totalWorkMs).toBe(seconds(4));
  });

  it('a chain of stages adds up; the critical path runs through the longest step', () => {
    const plan = planOf(`version: 1
stages:
  - id: build
    pattern: parallel_independent
    tasks: [{ agent: slow }, { agent: fast }]
  - id: review
    pattern: primary_with_reviewers
    primary_agent: fast
    reviewer_agents: [fast, slow]
agents:
  slow: { runtime: { kind: simulated } }
  fast: { runtime: { kind: simulated } }
`);
    const e = estimate(plan, (s) => (s.agent === 'slow' ? seconds(3) : seconds(1)));
    expect(e.criticalPath).toEqual(['build.task.0', 'review.primary', 'review.reviewer.1']);
    expect(e.criticalPathMs).toBe(seconds(7));
    expect(e.makespanMs).toBe(seconds(7));
  });

  it('only the longest branch counts: one branch runs', () => {
    const plan = planOf(
      'conditional_logic:\n  analyzer: architecture-guardian\n  branches:\n    - { condition: a, agent: codebase-cleaner }\n    - { condition: b, agent: comment-cleaner }\n',
    );
    const e = estimate(plan, (s) => (s.agent === 'codebase-cleaner' ? seconds(5) : seconds(1)));
    expect(e.makespanMs).toBe(seconds(6));
    expect(e.totalWorkMs).toBe(seconds(6));
  });

  it('the run-wide limit of defaults.max_concurrent applies across stages', () => {
    const plan = planOf(`version: 1
defaults: { max_concurrent: 1 }
stages:
  - { id: a, pattern: parallel_independent, tasks: [{ agent: comment-cleaner }, { agent: comment-cleaner }] }
  - { id: b, pattern: parallel_independent, needs: [], tasks: [{ agent: comment-cleaner }] }
`);
    expect(estimate(plan, () => seconds(1)).makespanMs).toBe(seconds(3));
  });
});

describe('estimate on a plan with errors', () => {
  it('a needs cycle (an error compile reports) does not hang the estimate', () => {
    const { plan, issues } = compile(
      parse(`version: 1
stages:
  - { id: a, pattern: parallel_independent, needs: [b], tasks: [{ agent: comment-cleaner }] }
  - { id: b, pattern: parallel_independent, needs: [a], tasks: [{ agent: comment-cleaner }] }
`).document!,
    );
    expect(issues.some((i) => /needs cycle/.test(i.message))).toBe(true);
    const e = estimate(plan, () => 1000);
    expect(e.criticalPath.length).toBeLessThanOrEqual(plan.steps.length);
  });
});
