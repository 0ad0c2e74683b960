import type { ModelPath, PatternName } from '@baton/core';
import type { ComponentType } from 'react';
import { ConditionalBranchingFields } from './ConditionalBranchingFields';
import { FanOutFanInFields } from './FanOutFanInFields';
import { IncrementalValidationFields } from './IncrementalValidationFields';
import { ParallelIndependentFields } from './ParallelIndependentFields';
import { ParallelWithSyncFields } from './ParallelWithSyncFields';
import { PrimaryWithReviewersFields } from './PrimaryWithReviewersFields';
import { SequentialHandoffFields } from './SequentialHandoffFields';

/** What a pattern's fields are given: the stage's model path and its id. */
export interface PatternFieldsProps {
  base: ModelPath;
  stageId: string;
}

/**
 * Each pattern's Inspector fields (docs/design.md §2.2), by name. They are Inspector UI, so they
 * stay in this feature rather than with the pattern's other web parts (shared/patterns/), which
 * features share; the `satisfies` makes a pattern without fields a compile error.
 */
export const PATTERN_FIELDS = {
  parallel_independent: ParallelIndependentFields,
  sequential_handoff: SequentialHandoffFields,
  parallel_with_sync: ParallelWithSyncFields,
  primary_with_reviewers: PrimaryWithReviewersFields,
  incremental_validation: IncrementalValidationFields,
  fan_out_fan_in: FanOutFanInFields,
  conditional_branching: ConditionalBranchingFields,
} satisfies Record<PatternName, ComponentType<PatternFieldsProps>>;
