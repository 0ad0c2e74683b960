import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  addAgent,
  compile,
  estimate,
  inferPatternIn,
  moveStep,
  newStage,
  type Orchestration,
  PATTERN_MODULES,
  PATTERN_REGISTRY,
  PATTERN_TITLES,
  PATTERNS,
  type PatternModule,
  type PatternModules,
  removeStep,
  SEED_INFERENCE_KEYS,
  schemas,
  setStepAgent,
  siblingCount,
  stepIds,
  toMermaid,
} from '../src/index.js';
import { agentName } from '../src/model/fieldSchemas.js';
import { PATTERN_KEYS } from '../src/patterns/patternKeys.js';

describe('the pattern registry: one module per pattern, every part present', () => {
  it('has a module for every pattern, named as its key, with the keys of PATTERN_KEYS', () => {
    expect(Object.keys(PATTERN_REGISTRY)).toEqual([...PATTERNS]);
    for (const pattern of PATTERNS) {
      const module = PATTERN_REGISTRY[pattern];
      expect(module.name).toBe(pattern);
      expect(module.keys).toBe(PATTERN_KEYS[pattern]);
      expect(module.title).toBe(PATTERN_TITLES[pattern]);
      expect(module.title.length).toBeGreaterThan(0);
      for (const part of [module.steps, module.rounds, module.seed.reveals, module.seed.marker]) {
        expect(typeof part).toBe('function');
      }
      for (const edit of Object.values(module.edits)) expect(typeof edit).toBe('function');
      expect(Object.keys(module.edits).sort()).toEqual(
        ['addAgent', 'autoSlot', 'moveStep', 'newStage', 'removeStep', 'setStepAgent', 'siblingCount'].sort(),
      );
      // The keys that reveal a pattern are its own keys.
      for (const key of module.seed.keys) expect(Object.keys(module.keys)).toContain(key);
    }
  });

  it('gives every pattern its own short id and inference rank', () => {
    const modules = Object.values(PATTERN_REGISTRY);
    expect(new Set(modules.map((m) => m.shortId)).size).toBe(PATTERNS.length);
    expect(new Set(modules.map((m) => m.seed.rank)).size).toBe(PATTERNS.length);
    expect(SEED_INFERENCE_KEYS).toEqual([
      'fan_out',
      'fan_in',
      'conditional_logic',
      'phases',
      'primary_agent',
      'sync_points',
      'handoff_artifacts',
      'parallel_execution',
    ]);
  });

  it('makes fresh stages that miss only their agents, and that compile lays out without throwing', () => {
    for (const pattern of PATTERNS) {
      const stage = newStage(pattern);
      expect(stage.pattern).toBe(pattern);
      // Only the empty agent slots keep it from its schema: each is an agent-name issue.
      const result = schemas.stageSchemas[pattern].safeParse(stage);
      const issues = result.success ? [] : result.error.issues;
      expect(issues.every((i) => i.code === 'too_small' && i.path.length > 0)).toBe(true);
      expect(() => compile({ version: 1, stages: [stage] })).not.toThrow();
    }
  });
});

/**
 * The eighth-pattern exercise: "pair_programming", a driver whose work a navigator takes over,
 * added to a copy of the registry here only (the real one is untouched). Adding it for real
 * would need, in core:
 *   - packages/core/src/patterns/pair_programming/ (keys.ts, steps.ts, slotEdits.ts, index.ts:
 *     the four parts defined inline below);
 *   - one line in packages/core/src/patterns/patternKeys.ts and one in patterns/registry.ts
 *     (the registry's `satisfies` refuses to compile until the second is there);
 * and in the web (apps/web/test/patternParts.test.ts runs its half): apps/web/src/shared/patterns/
 *   pair_programming/ (parts.tsx: glyph, hint, layout; Fields.tsx: its Inspector fields) and one
 *   line in shared/patterns/registry.ts; the engine needs nothing while it reuses the roles.
 * One folder in core, one in the web, and a registry line beside each.
 * Reusing the existing step roles and slot kinds is what keeps it there: a pattern with a new
 * role would also extend StepRole (plan/types.ts) and the engine's rules for it; a new "+" slot
 * kind would extend AddSlot (patterns/slots.ts).
 */
const pairKeys = {
  pair: z.strictObject({ driver: agentName, navigator: agentName, task: z.string().optional() }),
};
interface PairStage {
  pattern: 'pair_programming';
  id?: string;
  needs?: string[];
  pair: { driver: string; navigator: string; task?: string };
}

const pairProgramming: PatternModule<PairStage> = {
  name: 'pair_programming',
  title: 'Pair Programming',
  shortId: 'pair',
  keys: pairKeys,
  seed: { rank: 7, keys: ['pair'], reveals: (value) => Object.hasOwn(value, 'pair'), marker: () => null },
  steps(stage, id, path) {
    const driver = stepIds.task(id, 0);
    const base = { checklist: [], own: {}, task: stage.pair.task ?? '' };
    return {
      steps: [
        {
          ...base,
          id: driver,
          role: 'task',
          index: 0,
          agent: stage.pair.driver,
          label: 'drive',
          dependsOn: [],
          inputs: [],
          path: [...path, 'pair', 'driver'],
        },
        {
          ...base,
          id: stepIds.task(id, 1),
          role: 'task',
          index: 1,
          agent: stage.pair.navigator,
          label: 'navigate',
          dependsOn: [driver],
          inputs: [driver],
          path: [...path, 'pair', 'navigator'],
        },
      ],
      maxConcurrent: null,
      issues: [],
    };
  },
  rounds: () => ({ maxRevisions: 0, maxAttempts: 1 }),
  innerEdge: 'handoff',
  edits: {
    newStage: () => ({ pattern: 'pair_programming', pair: { driver: '', navigator: '' } }),
    autoSlot: (stage) => ({ kind: 'task', after: stage.pair.driver ? 'driver' : null }),
    addAgent(stage, _slot, agent) {
      if (!stage.pair.driver) stage.pair.driver = agent;
      else stage.pair.navigator = agent;
    },
    setStepAgent(stage, ref, agent) {
      if (ref.index === 0) stage.pair.driver = agent;
      else stage.pair.navigator = agent;
    },
    removeStep(stage, ref) {
      if (ref.index === 0) stage.pair.driver = '';
      else stage.pair.navigator = '';
    },
    // Driver and navigator swap seats.
    moveStep(stage, ref, to) {
      if (ref.index === to) return;
      stage.pair = { ...stage.pair, driver: stage.pair.navigator, navigator: stage.pair.driver };
    },
    siblingCount: () => 2,
  },
};

const withPair: PatternModules = { ...PATTERN_MODULES, pair_programming: pairProgramming };
// The document types know the seven patterns only: a document holding the eighth is cast, as a
// program that registered its own pattern would.
const asDocument = (stages: unknown[]) => ({ version: 1, stages }) as unknown as Orchestration;

describe('a fake eighth pattern, registered in this test only', () => {
  it('is read from seed-form keys by its module alone', () => {
    const seed = { pair: { driver: 'fastapi-backend-expert', navigator: 'architecture-guardian' } };
    expect(inferPatternIn(withPair, seed)).toBe('pair_programming');
    expect(inferPatternIn(PATTERN_MODULES, seed)).toBeNull();
    expect(z.strictObject(pairProgramming.keys).safeParse(seed).success).toBe(true);
    expect(z.strictObject(pairProgramming.keys).safeParse({ pair: { driver: 'x' } }).success).toBe(false);
    // The real patterns' inference is unchanged by the extra module.
    expect(inferPatternIn(withPair, { primary_agent: 'x' })).toBe('primary_with_reviewers');
  });

  it('compiles, alongside a real pattern, through the registry it is given', () => {
    const document = asDocument([
      {
        pattern: 'pair_programming',
        id: 'pair',
        pair: { driver: 'fastapi-backend-expert', navigator: 'architecture-guardian', task: 'Build it' },
      },
      {
        pattern: 'primary_with_reviewers',
        id: 'review',
        primary_agent: 'fastapi-backend-expert',
        reviewer_agents: ['pytest-test-master'],
      },
    ]);
    const { plan, issues } = compile(document, { patterns: withPair });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(plan.steps.map((s) => s.id)).toEqual([
      'pair.task.0',
      'pair.task.1',
      'review.primary',
      'review.reviewer.0',
    ]);
    expect(plan.stages[0]).toMatchObject({
      pattern: 'pair_programming',
      entrySteps: ['pair.task.0'],
      exitSteps: ['pair.task.1'],
    });
    expect(plan.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`)).toContain(
      'pair.task.0 -handoff-> pair.task.1',
    );
    // The next stage is handed the navigator's result, as with any pattern's exit step.
    expect(plan.steps.find((s) => s.id === 'review.primary')?.inputs).toEqual(['pair.task.1']);
    // Without its module, compile refuses loudly rather than laying out nothing.
    expect(() => compile(document)).toThrow(/no pattern module for 'pair_programming'/);
    // What reads a plan (estimate, Mermaid) needs nothing of the pattern.
    expect(estimate(plan, () => 1000).makespanMs).toBeGreaterThan(0);
    expect(toMermaid(plan)).toContain('navigate');
  });

  it('is edited by its slot edits, through the same document edits as every pattern', () => {
    let document = asDocument([newStage('pair_programming' as never, withPair)]);
    document = addAgent(document, 0, { kind: 'auto' }, 'fastapi-backend-expert', withPair);
    document = addAgent(document, 0, { kind: 'auto' }, 'architecture-guardian', withPair);
    const pairOf = (d: Orchestration) => (d.stages[0] as unknown as PairStage).pair;
    expect(pairOf(document)).toEqual({
      driver: 'fastapi-backend-expert',
      navigator: 'architecture-guardian',
    });
    const navigator = { stageIndex: 0, role: 'task', index: 1 } as const;
    const moved = moveStep(document, navigator, 0, withPair);
    expect(pairOf(moved)).toEqual({ driver: 'architecture-guardian', navigator: 'fastapi-backend-expert' });
    expect(pairOf(setStepAgent(document, navigator, 'pytest-test-master', withPair)).navigator).toBe(
      'pytest-test-master',
    );
    expect(pairOf(removeStep(document, navigator, withPair)).navigator).toBe('');
    expect(siblingCount(document.stages[0] as never, navigator, withPair)).toBe(2);
    // Edits copy the stage: the document edited from is unchanged.
    expect(pairOf(document).navigator).toBe('architecture-guardian');
  });
});
