import { describe, expect, it } from 'vitest';
import { agentsYaml, forStep, run } from './helpers.js';

/** Names every JavaScript object inherits are the user's data in a run too. */
describe('a run whose agents, stages, reviewers, conditions and handoffs are named like Object members', () => {
  it('calls each agent with its own task, picks the branch by condition, hands over every artifact', async () => {
    const yaml = `version: 1
${agentsYaml({
  constructor: 'duration: 1s',
  toString: 'duration: 1s, verdict: approve',
  hasOwnProperty: 'duration: 1s, condition: constructor',
  valueOf: 'duration: 1s',
})}stages:
  - id: constructor
    pattern: primary_with_reviewers
    primary_agent: valueOf
    primary_task: write it
    reviewer_agents: [constructor, toString]
    review_tasks: { toString: review the strings }
  - id: toString
    pattern: conditional_branching
    needs: [constructor]
    conditional_logic:
      analyzer: hasOwnProperty
      branches:
        - { condition: toString, agent: valueOf, task: wrong branch }
        - { condition: constructor, agent: constructor, task: right branch }
  - id: hasOwnProperty
    pattern: sequential_handoff
    needs: [toString]
    handoff_artifacts: [__proto__, constructor]
    tasks: [{ agent: toString, task: a }, { agent: valueOf, task: b }, { agent: constructor, task: c }]
`;
    const { state, invocations, events } = await run(yaml);
    expect(state.status).toBe('succeeded');
    const byStep = new Map(invocations.map((i) => [i.stepId, i]));
    expect(byStep.get('constructor.reviewer.0')?.task).toBe('');
    expect(byStep.get('constructor.reviewer.1')?.task).toBe('review the strings');
    expect(state.stages.constructor?.status).toBe('succeeded');
    expect(state.stages.toString?.status).toBe('succeeded');
    expect(state.branches.toString).toEqual({ condition: 'constructor', stepId: 'toString.branch.1' });
    expect(forStep(events, 'toString.branch.0', 'step.skipped')).toHaveLength(1);
    expect(byStep.get('toString.branch.1')?.task).toBe('right branch');
    // `__proto__` as an artifact name is a key like any other, not the prototype of the map.
    expect(Object.keys(byStep.get('hasOwnProperty.task.1')?.artifacts ?? {})).toEqual(['__proto__']);
    expect(Object.keys(byStep.get('hasOwnProperty.task.2')?.artifacts ?? {})).toEqual([
      '__proto__',
      'constructor',
    ]);
    expect(Object.entries(byStep.get('hasOwnProperty.task.1')?.artifacts ?? {})[0]?.[1]).toMatch(
      /completed: a/,
    );
  });
});
