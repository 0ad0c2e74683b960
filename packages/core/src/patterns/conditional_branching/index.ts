import type { StageOf } from '../../model/types.js';
import { NO_ROUNDS, type PatternModule } from '../patternModule.js';
import { conditionalBranchingKeys } from './keys.js';
import { conditionalBranchingEdits } from './slotEdits.js';
import { conditionalBranchingSteps } from './steps.js';

/** Conditional Branching: an analyzer picks the one branch that runs. */
export const conditionalBranching: PatternModule<StageOf<'conditional_branching'>> = {
  name: 'conditional_branching',
  title: 'Conditional Branching',
  shortId: 'branch',
  keys: conditionalBranchingKeys,
  seed: {
    rank: 1,
    keys: ['conditional_logic'],
    reveals: (value) => Object.hasOwn(value, 'conditional_logic'),
    marker: () => null,
  },
  steps: conditionalBranchingSteps,
  rounds: () => NO_ROUNDS,
  innerEdge: 'step',
  edits: conditionalBranchingEdits,
};
