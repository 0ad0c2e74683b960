import type { StageOf } from '../../model/types.js';
import type { PatternModule } from '../patternModule.js';
import { incrementalValidationKeys } from './keys.js';
import { incrementalValidationEdits } from './slotEdits.js';
import { incrementalValidationSteps } from './steps.js';

/** Incremental with Validation: phases in turn, each gated by its validator. */
export const incrementalValidation: PatternModule<StageOf<'incremental_validation'>> = {
  name: 'incremental_validation',
  title: 'Incremental with Validation',
  shortId: 'phases',
  keys: incrementalValidationKeys,
  seed: {
    rank: 2,
    keys: ['phases'],
    reveals: (value) => Object.hasOwn(value, 'phases'),
    marker: () => null,
  },
  steps: incrementalValidationSteps,
  rounds: (stage) => ({ maxRevisions: 0, maxAttempts: stage.max_attempts ?? 1 }),
  innerEdge: 'step',
  edits: incrementalValidationEdits,
};
