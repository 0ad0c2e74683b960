import { describe, expect, it } from 'vitest';
import { compile, type Plan, parse } from '../src/index.js';
import { exampleFiles } from './exampleFiles.js';

function planOf(text: string): Plan {
  const { document, diagnostics } = parse(text);
  if (!document) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const { plan, issues } = compile(document);
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return plan;
}

const example = (name: string) => exampleFiles().find((e) => e.name === name)?.text ?? '';
const ids = (plan: Plan) => plan.steps.map((s) => s.id);
const edges = (plan: Plan) => plan.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`);

describe('compile: step ids and dependency edges of each pattern (docs/design.md §2.3)', () => {
  it('parallel_independent: one step per task, no edges', () => {
    const plan = planOf(example('full/1-parallel-independent.baton.yaml'));
    expect(ids(plan)).toEqual(['profile.task.0', 'profile.task.1']);
    expect(edges(plan)).toEqual([]);
    expect(plan.stages[0]?.maxConcurrent).toBe(2);
  });

  it('sequential_handoff: a chain whose edges carry the artifacts', () => {
    const plan = planOf(example('full/2-sequential-handoff.baton.yaml'));
    expect(ids(plan)).toEqual(['role-field.task.0', 'role-field.task.1', 'role-field.task.2']);
    expect(edges(plan)).toEqual([
      'role-field.task.0 -handoff-> role-field.task.1',
      'role-field.task.1 -handoff-> role-field.task.2',
    ]);
    expect(plan.steps.map((s) => s.produces)).toEqual(['migration_script', 'updated_schema', 'api_contract']);
    expect(plan.steps[2]?.inputs).toEqual(['role-field.task.0', 'role-field.task.1']);
  });

  it('parallel_with_sync: ordered barriers, tasks after their sync point', () => {
    const plan = planOf(example('full/3-parallel-with-sync.baton.yaml'));
    expect(ids(plan)).toEqual([
      'notifications.sync.0',
      'notifications.task.0',
      'notifications.task.1',
      'notifications.sync.1',
    ]);
    expect(edges(plan)).toEqual([
      'notifications.sync.0 -step-> notifications.task.0',
      'notifications.sync.0 -step-> notifications.task.1',
      'notifications.sync.0 -step-> notifications.sync.1',
      'notifications.task.0 -step-> notifications.sync.1',
      'notifications.task.1 -step-> notifications.sync.1',
    ]);
  });

  it('parallel_with_sync in seed form: pure barriers in order', () => {
    const plan = planOf(example('seed/3-parallel-with-sync.baton.yaml'));
    expect(ids(plan)).toEqual([
      'parallel_with_sync-1.sync.0',
      'parallel_with_sync-1.sync.1',
      'parallel_with_sync-1.sync.2',
    ]);
    expect(plan.steps.map((s) => s.agent)).toEqual([null, null, null]);
    expect(edges(plan)).toEqual([
      'parallel_with_sync-1.sync.0 -step-> parallel_with_sync-1.sync.1',
      'parallel_with_sync-1.sync.1 -step-> parallel_with_sync-1.sync.2',
    ]);
  });

  it('primary_with_reviewers: reviewers after the primary (seed form ids)', () => {
    const plan = planOf(example('seed/4-primary-with-reviewers.baton.yaml'));
    const s = 'primary_with_reviewers-1';
    expect(ids(plan)).toEqual([`${s}.primary`, `${s}.reviewer.0`, `${s}.reviewer.1`]);
    expect(edges(plan)).toEqual([
      `${s}.primary -step-> ${s}.reviewer.0`,
      `${s}.primary -step-> ${s}.reviewer.1`,
    ]);
  });

  it('primary_with_reviewers without parallel_execution: reviewers one after another', () => {
    const plan = planOf(
      'primary_agent: fastapi-backend-expert\nreviewer_agents: [architecture-guardian, pytest-test-master]\nparallel_execution: false\n',
    );
    const s = 'primary_with_reviewers-1';
    expect(edges(plan)).toEqual([
      `${s}.primary -step-> ${s}.reviewer.0`,
      `${s}.primary -step-> ${s}.reviewer.1`,
      `${s}.reviewer.0 -step-> ${s}.reviewer.1`,
    ]);
  });

  it('incremental_validation: agent then validator, phase after phase', () => {
    const plan = planOf(example('full/5-incremental-validation.baton.yaml'));
    expect(ids(plan)).toEqual([
      'graphql.phase.0.agent',
      'graphql.phase.0.validator',
      'graphql.phase.1.agent',
      'graphql.phase.1.validator',
    ]);
    expect(edges(plan)).toEqual([
      'graphql.phase.0.agent -step-> graphql.phase.0.validator',
      'graphql.phase.0.validator -step-> graphql.phase.1.agent',
      'graphql.phase.1.agent -step-> graphql.phase.1.validator',
    ]);
    expect(plan.stages[0]?.maxAttempts).toBe(2);
  });

  it('fan_out_fan_in: one step per fan-out task, fan-in given all of them', () => {
    const plan = planOf(example('full/6-fan-out-fan-in.baton.yaml'));
    expect(ids(plan)).toEqual(['auth.fanout.0', 'auth.fanout.1', 'auth.fanout.2', 'auth.fanin']);
    expect(edges(plan)).toEqual([
      'auth.fanout.0 -step-> auth.fanin',
      'auth.fanout.1 -step-> auth.fanin',
      'auth.fanout.2 -step-> auth.fanin',
    ]);
    expect(plan.steps[3]?.inputs).toEqual(['auth.fanout.0', 'auth.fanout.1', 'auth.fanout.2']);
    expect(plan.steps.map((s) => s.task)).toEqual([
      'api_gateway',
      'user_service',
      'task_service',
      'Integration tests, auth flow validation, service communication',
    ]);
  });

  it('conditional_branching: branches after the analyzer, each with its condition', () => {
    const plan = planOf(example('full/7-conditional-branching.baton.yaml'));
    expect(ids(plan)).toEqual(['quality.analyzer', 'quality.branch.0', 'quality.branch.1']);
    expect(edges(plan)).toEqual([
      'quality.analyzer -step-> quality.branch.0',
      'quality.analyzer -step-> quality.branch.1',
    ]);
    expect(plan.steps.map((s) => s.condition)).toEqual([undefined, 'high_complexity', 'simple_cleanup']);
  });

  it('a combination: default needs chain the stages; explicit needs, [] and own task ids are honoured', () => {
    const plan = planOf(`version: 1
stages:
  - id: build
    pattern: parallel_independent
    tasks:
      - { id: api, agent: fastapi-backend-expert }
      - { agent: react-frontend-architect }
  - id: docs
    pattern: parallel_independent
    needs: []
    tasks: [{ agent: comment-cleaner }]
  - id: review
    pattern: primary_with_reviewers
    primary_agent: fastapi-backend-expert
    reviewer_agents: [architecture-guardian]
  - id: ship
    pattern: fan_out_fan_in
    needs: [review, docs]
    fan_out: { agent: fastapi-backend-expert, tasks: [eu, us] }
    fan_in: { agent: pytest-test-master }
`);
    expect(ids(plan)).toEqual([
      'build.api',
      'build.task.1',
      'docs.task.0',
      'review.primary',
      'review.reviewer.0',
      'ship.fanout.0',
      'ship.fanout.1',
      'ship.fanin',
    ]);
    expect(plan.stages.map((s) => [s.id, s.needs])).toEqual([
      ['build', []],
      ['docs', []],
      ['review', ['docs']],
      ['ship', ['review', 'docs']],
    ]);
    expect(edges(plan)).toEqual([
      'review.primary -step-> review.reviewer.0',
      'ship.fanout.0 -step-> ship.fanin',
      'ship.fanout.1 -step-> ship.fanin',
      'docs -stage-> review',
      'review -stage-> ship',
      'docs -stage-> ship',
    ]);
    // A stage's first steps are given what the stages it needs hand on.
    expect(plan.steps.find((s) => s.id === 'ship.fanout.0')?.inputs).toEqual([
      'review.reviewer.0',
      'docs.task.0',
    ]);
  });

  it('stage ids come from the id, else the name, else the pattern and position', () => {
    const plan = planOf(`stages:
  - { name: "Build & Test!", pattern: parallel_independent, tasks: [{ agent: comment-cleaner }] }
  - { pattern: parallel_independent, tasks: [{ agent: comment-cleaner }] }
`);
    expect(plan.stages.map((s) => s.id)).toEqual(['build-test', 'parallel_independent-2']);
  });

  it('resolves timeout, retries and fallback: step, then stage, then agent, then defaults', () => {
    const plan = planOf(`version: 1
defaults: { timeout: 15m, retries: 1, fallback_agent: general-purpose }
agents:
  slow: { timeout: 2h, runtime: { kind: simulated } }
stages:
  - id: s
    pattern: parallel_independent
    retries: 2
    tasks:
      - { agent: slow }
      - { agent: comment-cleaner, timeout: 5s, retries: 0, fallback_agent: codebase-cleaner }
      - { agent: comment-cleaner }
`);
    expect(plan.steps.map((s) => [s.timeoutMs, s.retries, s.fallbackAgent])).toEqual([
      [7_200_000, 2, 'general-purpose'],
      [5_000, 0, 'codebase-cleaner'],
      [900_000, 2, 'general-purpose'],
    ]);
  });
});
