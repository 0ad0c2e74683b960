import { describe, expect, it } from 'vitest';
import { closestMatch, compile, listNames, validate, YAML_LIMITS } from '../src/index.js';
import { HOSTILE_FILES, longIds, repeatLines } from './fixtures/hostileFiles.js';

const rep = repeatLines;

/** A check of a file of at most 2 MB: its first error, and how long it took. */
function check(yaml: string) {
  const started = performance.now();
  const result = validate(yaml);
  const ms = performance.now() - started;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  return { result, ms, errors, first: errors[0]?.message ?? '' };
}

describe('the work of a check is bounded, not only its bytes (issue 10 §2)', () => {
  const hostile: [string, () => string, RegExp][] = [
    [
      'ids of 50,000 characters, one needing the other by a near name',
      () => longIds(50_000),
      /stages\[0\]\.id: a name or id is at most 200 characters/,
    ],
    ['60,000 empty stages', HOSTILE_FILES.emptyStages, /more than 100,000 YAML tokens/],
    [
      '100,000 inline agents with unknown keys',
      HOSTILE_FILES.inlineAgentsWithUnknownKeys,
      /more than 100,000 YAML tokens/,
    ],
    ['60,000 review_tasks keys', HOSTILE_FILES.reviewTaskKeys, /more than 100,000 YAML tokens/],
    ['1,000,000 unknown reviewers', HOSTILE_FILES.unknownReviewers, /more than 100,000 YAML tokens/],
    ['6,000 stages chained by needs', HOSTILE_FILES.needsChain, /more than 100,000 YAML tokens/],
    [
      '2,000 reviewers (within the token budget)',
      () => `primary_agent: comment-cleaner\nreviewer_agents: [${rep(1_999, () => 'x,')}x]\n`,
      /'reviewer_agents' holds 2,000 items; at most 1,000 are accepted in one list or mapping/,
    ],
    [
      '1,000 unknown review_tasks keys among 999 reviewers',
      HOSTILE_FILES.unknownReviewTaskKeys,
      /unknown agent 'reviewer-agent-number-0-xyz'/,
    ],
    [
      'a key of 100,000 characters',
      () => `version: 1\nagents:\n  ? ${'k'.repeat(100_000)}\n  : {}\nstages: []\n`,
      /a key of 100,000 characters \('k{40}…'\); a key is at most 200/,
    ],
    [
      'five sequential chains of 999 steps',
      () =>
        `version: 1\nstages:\n${rep(5, () => `- pattern: sequential_handoff\n  tasks:\n${rep(999, () => '  - agent: comment-cleaner\n')}`)}`,
      /the plan hands on more than 200,000 results by this stage/,
    ],
    [
      'six stages of 999 parallel steps',
      () =>
        `version: 1\nstages:\n${rep(6, (s) => `- pattern: parallel_independent\n  id: s${s}\n  needs: []\n  tasks:\n${rep(999, () => '  - agent: comment-cleaner\n')}`)}`,
      /the plan has more than 5,000 steps by this stage/,
    ],
    [
      'a wide stage needing another',
      () =>
        `version: 1\nstages:\n${rep(2, (s) => `- pattern: parallel_independent\n  id: s${s}\n  tasks:\n${rep(999, () => '  - agent: comment-cleaner\n')}`)}`,
      /the plan hands on more than 200,000 results/,
    ],
  ];

  it.each(hostile)('%s: one clear error within a second', (_name, make, message) => {
    const yaml = make();
    expect(new TextEncoder().encode(yaml).length).toBeLessThanOrEqual(YAML_LIMITS.maxBytes);
    const { result, ms, first, errors } = check(yaml);
    expect(result.ok).toBe(false);
    expect(first).toMatch(message);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(1);
    expect(ms).toBeLessThan(1000);
  });

  it('2.4 MB of UTF-8 in 1.2 M characters is refused by its bytes', () => {
    const yaml = `primary_agent: comment-cleaner\nprimary_task: "${'é'.repeat(1_200_000)}"\n`;
    expect(yaml.length).toBeLessThan(YAML_LIMITS.maxBytes);
    expect(check(yaml).first).toMatch(/the file is 2\.3 MB; the largest accepted is 2\.0 MB/);
    // Just under the limit in bytes is accepted.
    const fits = `primary_agent: comment-cleaner\nprimary_task: "${'é'.repeat(1_000_000)}"\n`;
    expect(check(fits).result.ok).toBe(true);
  });

  it('a chain of 999 stages by needs compiles (no recursion), in order', () => {
    const yaml = `version: 1\nstages:\n${rep(999, (i) => `- {id: s${998 - i}, pattern: parallel_independent, needs: [${i < 998 ? `s${997 - i}` : ''}], tasks: [{agent: comment-cleaner}]}\n`)}`;
    const { result, ms } = check(yaml);
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.steps.map((s) => s.stageId).slice(0, 3)).toEqual(['s0', 's1', 's2']);
    expect(ms).toBeLessThan(1000);
  });

  it('a needs cycle through many stages is still named', () => {
    const yaml = `version: 1\nstages:\n${rep(500, (i) => `- {id: s${i}, pattern: parallel_independent, needs: [s${(i + 1) % 500}], tasks: [{agent: comment-cleaner}]}\n`)}`;
    const { first } = check(yaml);
    expect(first).toMatch(/^needs cycle: s0 → s1 → s2 → .* → s499 → s0; a stage cannot wait for itself$/);
  });

  it('a duplicate key is found without the parser comparing every pair', () => {
    const { errors } = check(`primary_agent: a\nreviewer_agents: [b]\nprimary_agent: c\n`);
    expect(errors[0]).toMatchObject({
      line: 3,
      col: 1,
      message: "YAML syntax: Map keys must be unique: 'primary_agent' is given twice in one mapping",
    });
  });

  it('suggestions only between short names; messages list at most 20 names', () => {
    expect(closestMatch('fastapi-backend-expertt', ['fastapi-backend-expert'])).toBe(
      'fastapi-backend-expert',
    );
    expect(closestMatch(`${'a'.repeat(100)}b`, [`${'a'.repeat(100)}`])).toBeNull();
    expect(closestMatch('abcd', ['x'.repeat(100), 'abce'])).toBe('abce');
    expect(listNames(['a', 'b'])).toBe('a, b');
    expect(listNames(Array.from({ length: 25 }, (_, i) => `s${i}`))).toMatch(/^s0, s1, .*, s19 and 5 more$/);
  });

  it('the 1,000-step example is well within every limit', async () => {
    const { readFileSync } = await import('node:fs');
    const yaml = readFileSync(
      new URL('../../../examples/large-1000-steps.baton.yaml', import.meta.url),
      'utf8',
    );
    expect(check(yaml).result.ok).toBe(true);
  });
});

describe('names are short', () => {
  it.each([
    ['a stage id', (n: string) => `version: 1\nstages:\n  - { id: ${n}, pattern: parallel_independent }\n`],
    ['an agent', (n: string) => `primary_agent: ${n}\n`],
    [
      'a need',
      (n: string) => `version: 1\nstages:\n  - { id: a, pattern: parallel_independent, needs: [${n}] }\n`,
    ],
    ['a sync point', (n: string) => `sync_points: [${n}]\n`],
  ])('%s of 100,000 characters is refused, quickly', (_what, make) => {
    const { first, ms } = check(make('n'.repeat(100_000)));
    expect(first).toMatch(/a name or id is at most 200 characters/);
    expect(first.length).toBeLessThan(300);
    expect(ms).toBeLessThan(1000);
  });
});

describe('compile limits', () => {
  const FILE = `version: 1
stages:
  - { id: s, pattern: sequential_handoff, tasks: [{ agent: general-purpose }, { agent: general-purpose }, { agent: general-purpose }] }
`;
  it('a file gets YAML_LIMITS; a program building its own plans may set others', () => {
    const parsed = validate(FILE);
    if (!parsed.document) throw new Error('unparsable');
    expect(compile(parsed.document).issues).toEqual([]);
    const tight = compile(parsed.document, { limits: { maxSteps: 2 } }).issues;
    expect(tight.map((i) => i.message)).toEqual([expect.stringMatching(/more than 2 steps/)]);
    const handoffs = compile(parsed.document, { limits: { maxHandoffs: 2 } }).issues;
    expect(handoffs.map((i) => i.message)).toEqual([expect.stringMatching(/hands on more than 2 results/)]);
  });
});
