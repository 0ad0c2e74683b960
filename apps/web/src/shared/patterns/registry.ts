import type { PatternName, Stage } from '@baton/core';
import { conditionalBranchingParts } from './conditional_branching/parts';
import { fanOutFanInParts } from './fan_out_fan_in/parts';
import { incrementalValidationParts } from './incremental_validation/parts';
import { parallelIndependentParts } from './parallel_independent/parts';
import { parallelWithSyncParts } from './parallel_with_sync/parts';
import { primaryWithReviewersParts } from './primary_with_reviewers/parts';
import { sequentialHandoffParts } from './sequential_handoff/parts';
import type { WebPatternParts } from './webPattern';

/**
 * The editor's parts of every pattern, by name (core's modules are in packages/core/src/patterns/).
 * The `satisfies` makes a pattern with no entry, or an entry missing a part, a compile error.
 */
export const WEB_PATTERNS = {
  parallel_independent: parallelIndependentParts,
  sequential_handoff: sequentialHandoffParts,
  parallel_with_sync: parallelWithSyncParts,
  primary_with_reviewers: primaryWithReviewersParts,
  incremental_validation: incrementalValidationParts,
  fan_out_fan_in: fanOutFanInParts,
  conditional_branching: conditionalBranchingParts,
} satisfies { [P in PatternName]: WebPatternParts<Extract<Stage, { pattern: P }>> };

/** A stage's parts, for callers that hold any stage. */
export function webPatternOf(pattern: PatternName): WebPatternParts<Stage> {
  return WEB_PATTERNS[pattern];
}
