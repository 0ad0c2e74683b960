import { describe, expect, it } from 'vitest';
import { emptyRunState, parse, type RunEvent, reduceRun, serialize, validate } from '../src/index.js';

/** Names every JavaScript object inherits: a user may pick any of them for an agent or a stage. */
const SIM = '{ runtime: { kind: simulated, duration: 1s } }';
const FILE = `version: 1
agents:
  constructor: ${SIM}
  toString: ${SIM}
  hasOwnProperty: ${SIM}
  valueOf: ${SIM}
stages:
  - id: constructor
    pattern: primary_with_reviewers
    primary_agent: valueOf
    primary_task: write it
    reviewer_agents: [constructor, toString, hasOwnProperty]
    review_tasks:
      toString: review the strings
  - id: toString
    pattern: conditional_branching
    needs: [constructor]
    conditional_logic:
      analyzer: hasOwnProperty
      branches:
        - { condition: constructor, agent: valueOf, task: when constructor }
        - { condition: default, agent: constructor }
  - id: hasOwnProperty
    pattern: sequential_handoff
    needs: [toString]
    handoff_artifacts: [constructor]
    tasks: [{ agent: toString, task: a }, { agent: constructor, task: b }]
`;

describe('names like constructor, toString, hasOwnProperty are data, never inherited members', () => {
  it('agents, stages, reviewers and review_tasks of those names compile to the tasks written', () => {
    const result = validate(FILE);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(result.document?.agents ?? {})).toEqual([
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
    ]);
    const tasks = Object.fromEntries((result.plan?.steps ?? []).map((s) => [s.id, [s.agent, s.task]]));
    expect(tasks).toEqual({
      'constructor.primary': ['valueOf', 'write it'],
      // No review task for 'constructor': an empty task, not `function Object() { [native code] }`.
      'constructor.reviewer.0': ['constructor', ''],
      'constructor.reviewer.1': ['toString', 'review the strings'],
      'constructor.reviewer.2': ['hasOwnProperty', ''],
      'toString.analyzer': ['hasOwnProperty', ''],
      'toString.branch.0': ['valueOf', 'when constructor'],
      'toString.branch.1': ['constructor', ''],
      'hasOwnProperty.task.0': ['toString', 'a'],
      'hasOwnProperty.task.1': ['constructor', 'b'],
    });
    for (const step of result.plan?.steps ?? []) expect(typeof step.task).toBe('string');
  });

  it('an agent, reviewer or stage of such a name that is not defined is unknown, not found on Object', () => {
    const result = validate(`version: 1
stages:
  - id: s
    pattern: primary_with_reviewers
    primary_agent: constructor
    reviewer_agents: [toString]
    review_tasks: { hasOwnProperty: x }
    fallback_agent: valueOf
  - id: t
    needs: [constructor]
    pattern: parallel_independent
    tasks: [{ agent: fastapi-backend-expert }]
`);
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unknown agent 'constructor'/),
        expect.stringMatching(/^unknown agent 'toString'/),
        expect.stringMatching(/^unknown agent 'valueOf'/),
        expect.stringMatching(/^review_tasks names 'hasOwnProperty', which is not among reviewer_agents/),
        expect.stringMatching(/^needs 'constructor', which is no stage/),
      ]),
    );
  });

  it('a run whose stages are named constructor, toString and a barrier stage hasOwnProperty folds', () => {
    let seq = 0;
    const ev = (type: RunEvent['type'], extra: Partial<RunEvent> = {}): RunEvent => ({
      seq: ++seq,
      runId: 'r',
      ts: '2026-01-01T00:00:00.000Z',
      type,
      ...extra,
    });
    const state = reduceRun(
      [
        ev('stage.started', { stageId: 'constructor' }),
        ev('stage.succeeded', { stageId: 'toString' }),
        ev('barrier.passed', { stageId: 'constructor', stepId: 'constructor.sync.0', data: { name: 'api' } }),
        ev('barrier.passed', {
          stageId: 'hasOwnProperty',
          stepId: 'hasOwnProperty.sync.0',
          data: { name: 'db' },
        }),
      ],
      emptyRunState(),
    );
    expect(state.stages.constructor).toEqual({ status: 'running', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(state.stages.toString).toEqual({ status: 'succeeded', finishedAt: '2026-01-01T00:00:00.000Z' });
    expect(state.barriers).toEqual({ constructor: ['api'], hasOwnProperty: ['db'] });
  });

  it('an edit that removes the inline agent `constructor` removes it from the text too', () => {
    const parsed = parse(FILE);
    const document = structuredClone(parsed.document!);
    delete document.agents?.constructor;
    document.stages[0] = { ...document.stages[0]!, reviewer_agents: ['toString'] } as never;
    const text = serialize(document, { source: parsed.source! });
    expect(text).not.toMatch(/^ {2}constructor:/m);
    expect(text).toMatch(/^ {2}toString:/m);
    expect(parse(text).document?.agents).not.toHaveProperty('constructor');
  });
});

describe('__proto__, which JavaScript reserves, is refused where it is written (never silently dropped)', () => {
  it('as an inline agent: an error at its key', () => {
    const result = validate(`version: 1
agents:
  __proto__: ${SIM}
stages:
  - { id: s, pattern: parallel_independent, tasks: [{ agent: fastapi-backend-expert }] }
`);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 3,
        col: 3,
        message:
          "'__proto__' cannot be a key: JavaScript reserves it (it would be silently dropped); rename it",
      }),
    ]);
  });

  it('as a review_tasks key, a nested key in flow style, or an unknown key', () => {
    for (const [text, line, col] of [
      ['primary_agent: a\nreviewer_agents: [b]\nreview_tasks:\n  __proto__: hi\n', 4, 3],
      ['primary_agent: a\nreview_tasks: { b: x, __proto__: y }\n', 2, 23],
      ['primary_agent: a\n__proto__: 1\n', 2, 1],
    ] as const) {
      const result = validate(text);
      expect(result.ok).toBe(false);
      expect(result.diagnostics[0]).toMatchObject({
        line,
        col,
        message: expect.stringMatching(/^'__proto__' cannot be a key/),
      });
    }
  });

  it('as a stage id, an agent reference, and a stage name the id is derived from', () => {
    const result = validate(`version: 1
stages:
  - id: __proto__
    pattern: parallel_independent
    tasks: [{ agent: __proto__ }]
  - name: __proto__
    pattern: parallel_independent
    tasks: [{ agent: fastapi-backend-expert }]
`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringMatching(/'__proto__' cannot be an id/) }),
      expect.objectContaining({
        line: 5,
        message: expect.stringMatching(/'__proto__' cannot be an agent name/),
      }),
    ]);
    const named = validate(`version: 1
stages:
  - name: __proto__
    pattern: parallel_independent
    tasks: [{ agent: fastapi-backend-expert }]
`);
    expect(named.ok).toBe(true);
    expect(named.plan?.stages.map((s) => s.id)).toEqual(['parallel_independent-1']);
  });
});
