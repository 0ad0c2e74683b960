import type { StageOf } from '../../model/types.js';
import { NO_ROUNDS, type PatternModule } from '../patternModule.js';
import { parallelIndependentKeys } from './keys.js';
import { parallelIndependentEdits } from './slotEdits.js';
import { parallelIndependentSteps } from './steps.js';

/** Parallel Independent: tasks that run side by side, none waiting for another. */
export const parallelIndependent: PatternModule<StageOf<'parallel_independent'>> = {
  name: 'parallel_independent',
  title: 'Parallel Independent',
  shortId: 'parallel',
  keys: parallelIndependentKeys,
  seed: {
    rank: 6,
    keys: ['parallel_execution'],
    reveals: (value) => value.parallel_execution === true,
    marker: (keys) => (keys.parallel_execution === undefined ? { parallel_execution: true } : null),
  },
  steps: parallelIndependentSteps,
  rounds: () => NO_ROUNDS,
  innerEdge: 'step',
  edits: parallelIndependentEdits,
};
