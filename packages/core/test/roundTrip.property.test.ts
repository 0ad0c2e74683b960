import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_AGENTS,
  compile,
  estimate,
  inferPattern,
  parse,
  seedFormBlocker,
  serialize,
} from '../src/index.js';
import type { Orchestration, Stage } from '../src/model/types.js';

const agentNames = Object.keys(BUILTIN_AGENTS);
// Names that exist, and some that do not: compile must report those, never throw.
const agent = fc.oneof(fc.constantFrom(...agentNames), fc.constantFrom('ghost-agent', 'x'));
// Text YAML must quote: keywords, numbers, comment and flow markers, leading spaces, unicode.
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'true',
    'null',
    '0x1F',
    '1e3',
    '- dash',
    'a: b',
    '# not a comment',
    ' lead',
    'ünïcødé ✓',
    "it's",
    '"q"',
    '',
  ),
);
const id = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const duration = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }),
  fc.constantFrom('250ms', '2s', '5m', '1h', '1.5s'),
);

const settings = {
  timeout: maybe(duration),
  retries: maybe(fc.nat({ max: 3 })),
  fallback_agent: maybe(agent),
};
const task = fc.record(
  {
    id: maybe(id),
    agent,
    task: maybe(text),
    checklist: maybe(fc.array(text, { maxLength: 3 })),
    ...settings,
  },
  { requiredKeys: ['agent'] },
);
const common = { id: maybe(id), name: maybe(text), needs: maybe(fc.array(id, { maxLength: 2 })) };
const tasks = fc.array(task, { maxLength: 4 });

const stage: fc.Arbitrary<Stage> = fc.oneof(
  fc.record(
    {
      ...common,
      pattern: fc.constant('parallel_independent' as const),
      parallel_execution: maybe(fc.boolean()),
      max_concurrent: maybe(fc.integer({ min: 1, max: 5 })),
      tasks: maybe(tasks),
    },
    { requiredKeys: ['pattern'] },
  ),
  fc.record(
    {
      ...common,
      pattern: fc.constant('sequential_handoff' as const),
      parallel_execution: maybe(fc.constant(false as const)),
      handoff_artifacts: maybe(fc.array(text, { maxLength: 4 })),
      tasks: maybe(tasks),
    },
    { requiredKeys: ['pattern'] },
  ),
  fc
    .tuple(
      fc.uniqueArray(text, { minLength: 0, maxLength: 3 }),
      fc.array(fc.tuple(task, fc.nat({ max: 4 })), { maxLength: 4 }),
    )
    .map(([names, ts]) => ({
      pattern: 'parallel_with_sync' as const,
      sync_points: names.map((n, i) =>
        i % 2 ? { name: n || 'sync', agent: agentNames[i] as string } : n || 'sync',
      ),
      tasks: ts.map(([t, k]) => (k < names.length ? { ...t, after: names[k] || 'sync' } : t)),
    })),
  fc.record(
    {
      ...common,
      pattern: fc.constant('primary_with_reviewers' as const),
      primary_agent: agent,
      primary_task: maybe(text),
      reviewer_agents: maybe(fc.array(agent, { maxLength: 3 })),
      parallel_execution: maybe(fc.boolean()),
      max_revisions: maybe(fc.nat({ max: 3 })),
    },
    { requiredKeys: ['pattern', 'primary_agent'] },
  ),
  fc.record(
    {
      ...common,
      pattern: fc.constant('incremental_validation' as const),
      phases: fc.array(
        fc.record(
          { name: text.map((t) => t || 'phase'), agent, validator: maybe(agent), task: maybe(text) },
          { requiredKeys: ['name', 'agent'] },
        ),
        { maxLength: 3 },
      ),
      sequential: maybe(fc.boolean()),
      max_attempts: maybe(fc.integer({ min: 1, max: 3 })),
    },
    { requiredKeys: ['pattern', 'phases'] },
  ),
  fc.record(
    {
      ...common,
      pattern: fc.constant('fan_out_fan_in' as const),
      fan_out: fc.record(
        { agent, tasks: fc.array(text, { maxLength: 4 }), parallel: maybe(fc.boolean()) },
        { requiredKeys: ['agent', 'tasks'] },
      ),
      fan_in: fc.record({ agent, task: maybe(text) }, { requiredKeys: ['agent'] }),
    },
    { requiredKeys: ['pattern', 'fan_out', 'fan_in'] },
  ),
  fc.record(
    {
      ...common,
      pattern: fc.constant('conditional_branching' as const),
      conditional_logic: fc.record(
        {
          analyzer: agent,
          analyzer_task: maybe(text),
          branches: fc.array(
            fc.record(
              { condition: text.map((t) => t || 'default'), agent: maybe(agent), task: maybe(text) },
              { requiredKeys: ['condition'] },
            ),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: ['analyzer', 'branches'] },
      ),
    },
    { requiredKeys: ['pattern', 'conditional_logic'] },
  ),
) as fc.Arbitrary<Stage>;

const orchestration: fc.Arbitrary<Orchestration> = fc.record(
  {
    version: fc.constant(1 as const),
    name: maybe(text),
    description: maybe(text),
    defaults: maybe(
      fc.record({ ...settings, max_concurrent: maybe(fc.integer({ min: 1, max: 4 })) }, { requiredKeys: [] }),
    ),
    stages: fc.array(stage, { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['version', 'stages'] },
);

/** Drop the keys fast-check left undefined: the model never holds them. */
const clean = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('round trip and compile over generated documents of every pattern', () => {
  it('parse(serialize(doc, full)) equals doc, and compile never throws', () => {
    fc.assert(
      fc.property(orchestration, (generated) => {
        const doc = clean(generated);
        const text = serialize(doc, { form: 'full' });
        const parsed = parse(text);
        expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(parsed.document).toEqual(doc);
        const { plan } = compile(doc);
        expect(plan.steps.length).toBeGreaterThanOrEqual(0);
        expect(() => estimate(plan, () => 1000)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('a one-stage document round-trips through the seed form', () => {
    const oneStage = stage.map((s): Orchestration => {
      const {
        id: _i,
        name: _n,
        needs: _d,
        ...rest
      } = s as Stage & { id?: string; name?: string; needs?: string[] };
      return { version: 1, stages: [rest as Stage] };
    });
    fc.assert(
      fc.property(oneStage, (generated) => {
        const doc = clean(generated);
        expect(seedFormBlocker(doc)).toBeNull();
        const only = doc.stages[0] as Stage;
        // The one seed form that cannot be: a parallel block told to run one at a time reads as a handoff.
        if (only.pattern === 'parallel_independent' && only.parallel_execution === false) {
          expect(() => serialize(doc, { form: 'seed' })).toThrow(/would read as sequential_handoff/);
          return;
        }
        const parsed = parse(serialize(doc, { form: 'seed' }));
        expect(parsed.form).toBe('seed');
        expect(parsed.document?.stages[0]?.pattern).toBe(only.pattern);
        expect(compile(parsed.document as Orchestration).plan).toEqual(compile(doc).plan);
        const { pattern, ...keys } = only;
        // When the keys told the pattern already, nothing was added: the very same model.
        if (inferPattern(keys) === pattern) expect(parsed.document).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('compile never throws on arbitrary needs, after and ids', () => {
    const wild = fc.record({
      version: fc.constant(1 as const),
      stages: fc.array(
        fc.record(
          {
            id: maybe(fc.constantFrom('a', 'b', 'c')),
            pattern: fc.constant('parallel_independent' as const),
            needs: maybe(fc.array(fc.constantFrom('a', 'b', 'c', 'zz'))),
            tasks: maybe(tasks),
          },
          { requiredKeys: ['pattern'] },
        ),
        { minLength: 1, maxLength: 5 },
      ),
    });
    fc.assert(
      fc.property(wild, (doc) => {
        const { plan, issues } = compile(clean(doc) as Orchestration);
        expect(Array.isArray(plan.steps)).toBe(true);
        expect(Array.isArray(issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
