import { PATTERN_KEYS } from '../patterns/patternKeys.js';
import type { PatternModules } from '../patterns/patternModule.js';
import { byInferenceRank, PATTERN_MODULES, PATTERN_REGISTRY } from '../patterns/registry.js';

/** The pattern names, from each pattern's keys (packages/core/src/patterns/patternKeys.ts). */
export type PatternName = keyof typeof PATTERN_KEYS;

/** The seven orchestration patterns of the seed document, in its order. */
export const PATTERNS = Object.keys(PATTERN_KEYS) as readonly PatternName[];

export function isPatternName(value: unknown): value is PatternName {
  return typeof value === 'string' && (PATTERNS as readonly string[]).includes(value);
}

/** Human titles, as the seed names the patterns. */
export const PATTERN_TITLES = Object.fromEntries(
  PATTERNS.map((p) => [p, PATTERN_REGISTRY[p].title]),
) as Record<PatternName, string>;

/** The keys that reveal a seed-form file's pattern, in inference order, as docs/design.md §2.1 lists them. */
export const SEED_INFERENCE_KEYS: readonly string[] = [
  ...new Set(byInferenceRank().flatMap((m) => m.seed.keys)),
];

/**
 * The pattern of a seed-form mapping, inferred from its keys (first match wins, docs/design.md §2.1),
 * or `null` when none of the keys tells.
 */
export function inferPattern(value: Record<string, unknown>): PatternName | null {
  return inferPatternIn(PATTERN_MODULES, value) as PatternName | null;
}

/** `inferPattern` over any set of pattern modules. */
export function inferPatternIn(modules: PatternModules, value: Record<string, unknown>): string | null {
  return byInferenceRank(modules).find((m) => m.seed.reveals(value))?.name ?? null;
}
