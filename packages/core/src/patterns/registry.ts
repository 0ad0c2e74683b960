import type { PatternName } from '../model/patterns.js';
import type { Stage } from '../model/types.js';
import { conditionalBranching } from './conditional_branching/index.js';
import { fanOutFanIn } from './fan_out_fan_in/index.js';
import { incrementalValidation } from './incremental_validation/index.js';
import { parallelIndependent } from './parallel_independent/index.js';
import { parallelWithSync } from './parallel_with_sync/index.js';
import type { PatternModule, PatternModules } from './patternModule.js';
import { primaryWithReviewers } from './primary_with_reviewers/index.js';
import { sequentialHandoff } from './sequential_handoff/index.js';

/**
 * Every pattern's module, by name. The `satisfies` is the check: a pattern of PATTERN_KEYS with
 * no module here, or a module missing a part, does not compile.
 */
export const PATTERN_REGISTRY = {
  parallel_independent: parallelIndependent,
  sequential_handoff: sequentialHandoff,
  parallel_with_sync: parallelWithSync,
  primary_with_reviewers: primaryWithReviewers,
  incremental_validation: incrementalValidation,
  fan_out_fan_in: fanOutFanIn,
  conditional_branching: conditionalBranching,
} satisfies { [P in PatternName]: PatternModule<Extract<Stage, { pattern: P }>> };

/** The registry as the pattern-generic dispatchers take it (a test may pass one with more patterns). */
export const PATTERN_MODULES: PatternModules = PATTERN_REGISTRY;

/** The module of a stage's pattern; a pattern no module knows is a bug of the caller, not of the file. */
export function patternModule(pattern: string, modules: PatternModules = PATTERN_MODULES) {
  const module = Object.hasOwn(modules, pattern) ? modules[pattern] : undefined;
  if (!module) throw new Error(`no pattern module for '${pattern}'`);
  return module;
}

/** The modules in seed-inference order (docs/design.md §2.1): the first whose keys tell wins. */
export function byInferenceRank(modules: PatternModules = PATTERN_MODULES) {
  return Object.values(modules).sort((a, b) => a.seed.rank - b.seed.rank);
}
