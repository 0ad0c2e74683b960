import { conditionalBranchingKeys } from './conditional_branching/keys.js';
import { fanOutFanInKeys } from './fan_out_fan_in/keys.js';
import { incrementalValidationKeys } from './incremental_validation/keys.js';
import { parallelIndependentKeys } from './parallel_independent/keys.js';
import { parallelWithSyncKeys } from './parallel_with_sync/keys.js';
import { primaryWithReviewersKeys } from './primary_with_reviewers/keys.js';
import { sequentialHandoffKeys } from './sequential_handoff/keys.js';

/**
 * Each pattern's own keys, in the seed document's order: the root of the pattern names and of
 * the model's types. Kept apart from registry.ts because the modules there are typed by the
 * stages these keys define; a registry holding both would define its types by itself.
 */
export const PATTERN_KEYS = {
  parallel_independent: parallelIndependentKeys,
  sequential_handoff: sequentialHandoffKeys,
  parallel_with_sync: parallelWithSyncKeys,
  primary_with_reviewers: primaryWithReviewersKeys,
  incremental_validation: incrementalValidationKeys,
  fan_out_fan_in: fanOutFanInKeys,
  conditional_branching: conditionalBranchingKeys,
} as const;
