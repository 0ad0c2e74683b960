import { describe, expect, it } from 'vitest';
import {
  type AgentCatalog,
  BUILTIN_AGENTS,
  canonicalJson,
  catalogFor,
  compile,
  hash128,
  parse,
  stepDefinition,
  stepFingerprint,
  stepFingerprints,
} from '../src/index.js';
import { exampleFiles } from './exampleFiles.js';

function fingerprintsOf(text: string, registry: AgentCatalog = BUILTIN_AGENTS): Record<string, string> {
  const { document, diagnostics } = parse(text);
  if (!document) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const { plan } = compile(document, { agents: registry });
  return stepFingerprints(plan, catalogFor(document.agents, registry));
}

const file = (extra = '', task = 'Migrate users') => `version: 1
${extra}stages:
  - id: gql
    pattern: incremental_validation
    phases:
      - { name: users, agent: fastapi-backend-expert, validator: pytest-test-master, task: ${task} }
      - { name: tasks, agent: fastapi-backend-expert, validator: pytest-test-master }
`;

describe('stepFingerprint: what a step is, for reusing its earlier result', () => {
  it('is stable: the same file gives the same fingerprints, 32 hex digits each', () => {
    const a = fingerprintsOf(file());
    expect(fingerprintsOf(file())).toEqual(a);
    expect(Object.keys(a)).toEqual([
      'gql.phase.0.agent',
      'gql.phase.0.validator',
      'gql.phase.1.agent',
      'gql.phase.1.validator',
    ]);
    for (const f of Object.values(a)) expect(f).toMatch(/^[0-9a-f]{32}$/);
    // Two steps of one agent with other inputs or tasks are told apart.
    expect(new Set(Object.values(a)).size).toBe(4);
  });

  it('changes with the task, and only for the step that has it', () => {
    const a = fingerprintsOf(file());
    const b = fingerprintsOf(file('', 'Migrate users v2'));
    expect(b['gql.phase.0.agent']).not.toBe(a['gql.phase.0.agent']);
    for (const id of ['gql.phase.0.validator', 'gql.phase.1.agent', 'gql.phase.1.validator']) {
      expect(b[id]).toBe(a[id]);
    }
  });

  it('changes with the agent’s runtime settings laid over inline, for the steps of that agent', () => {
    const a = fingerprintsOf(file());
    const b = fingerprintsOf(
      file('agents:\n  pytest-test-master: { runtime: { kind: simulated, duration: 10ms, fail_rate: 1 } }\n'),
    );
    expect(b['gql.phase.0.agent']).toBe(a['gql.phase.0.agent']);
    expect(b['gql.phase.0.validator']).not.toBe(a['gql.phase.0.validator']);
    expect(b['gql.phase.1.validator']).not.toBe(a['gql.phase.1.validator']);
    const c = fingerprintsOf(
      file('agents:\n  pytest-test-master: { runtime: { kind: simulated, duration: 10ms, fail_rate: 0 } }\n'),
    );
    expect(c['gql.phase.0.validator']).not.toBe(b['gql.phase.0.validator']);
  });

  it('changes with the registry’s definition of the agent, not with where it was read from', () => {
    const a = fingerprintsOf(file());
    const backend = BUILTIN_AGENTS['fastapi-backend-expert']!;
    const asFile = fingerprintsOf(file(), {
      ...BUILTIN_AGENTS,
      'fastapi-backend-expert': { ...backend, source: 'file' },
    });
    expect(asFile).toEqual(a);
    const prompted = fingerprintsOf(file(), {
      ...BUILTIN_AGENTS,
      'fastapi-backend-expert': { ...backend, system_prompt: 'Be terse.' },
    });
    expect(prompted['gql.phase.0.agent']).not.toBe(a['gql.phase.0.agent']);
    expect(prompted['gql.phase.0.validator']).toBe(a['gql.phase.0.validator']);
  });

  it('changes with timeout, retries and fallback, from defaults too', () => {
    const a = fingerprintsOf(file());
    for (const defaults of ['timeout: 5m', 'retries: 1', 'fallback_agent: general-purpose']) {
      const b = fingerprintsOf(file(`defaults: { ${defaults} }\n`));
      for (const id of Object.keys(a)) expect(b[id], `${defaults}: ${id}`).not.toBe(a[id]);
    }
  });

  it('keys in another order are the same definition', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(hash128('a')).not.toBe(hash128('b'));
    expect(hash128('')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('an analyzer’s fingerprint names the conditions its branches offer', () => {
    const text = exampleFiles().find((e) => e.name === 'full/7-conditional-branching.baton.yaml')?.text ?? '';
    const { document } = parse(text);
    const { plan } = compile(document!);
    const analyzer = plan.steps.find((s) => s.role === 'analyzer')!;
    const definition = stepDefinition(plan, analyzer, catalogFor(document!.agents));
    expect(definition.conditions).toEqual(
      plan.steps.filter((s) => s.role === 'branch').map((s) => s.condition),
    );
    expect(stepFingerprint(plan, analyzer, catalogFor(document!.agents))).toBe(
      stepFingerprints(plan, catalogFor(document!.agents))[analyzer.id],
    );
  });

  it('fingerprints every step of every example', () => {
    for (const { name, text } of exampleFiles()) {
      const { document } = parse(text);
      if (!document) continue;
      const { plan } = compile(document);
      const all = stepFingerprints(plan, catalogFor(document.agents));
      expect(Object.keys(all).length, name).toBe(plan.steps.length);
    }
  });
});
