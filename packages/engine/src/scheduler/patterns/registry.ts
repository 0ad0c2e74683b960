import type { PatternName } from '@baton/core';
import type { StageRun } from '../stepRun.js';
import { conditionalBranchingRules } from './conditionalBranching.js';
import { incrementalValidationRules } from './incrementalValidation.js';
import { parallelWithSyncRules } from './parallelWithSync.js';
import { primaryWithReviewersRules } from './primaryWithReviewers.js';
import { DEPENDENCIES_ONLY, type StageRules } from './stageRules.js';

/**
 * The engine's rules of every pattern, by name: the `satisfies` makes a pattern core knows and
 * the engine has no entry for a compile error. Three patterns are their dependencies alone.
 */
export const STAGE_RULES = {
  parallel_independent: DEPENDENCIES_ONLY,
  sequential_handoff: DEPENDENCIES_ONLY,
  parallel_with_sync: parallelWithSyncRules,
  primary_with_reviewers: primaryWithReviewersRules,
  incremental_validation: incrementalValidationRules,
  fan_out_fan_in: DEPENDENCIES_ONLY,
  conditional_branching: conditionalBranchingRules,
} satisfies Record<PatternName, StageRules>;

export function rulesOf(stage: StageRun): StageRules {
  return STAGE_RULES[stage.stage.pattern];
}
