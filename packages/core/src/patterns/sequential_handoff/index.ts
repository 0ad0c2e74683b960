import type { StageOf } from '../../model/types.js';
import { NO_ROUNDS, type PatternModule } from '../patternModule.js';
import { sequentialHandoffKeys } from './keys.js';
import { sequentialHandoffEdits } from './slotEdits.js';
import { sequentialHandoffSteps } from './steps.js';

/** Sequential Handoff: a chain of tasks, each handed the results before it. */
export const sequentialHandoff: PatternModule<StageOf<'sequential_handoff'>> = {
  name: 'sequential_handoff',
  title: 'Sequential Handoff',
  shortId: 'handoff',
  keys: sequentialHandoffKeys,
  seed: {
    rank: 5,
    keys: ['handoff_artifacts', 'parallel_execution'],
    reveals: (value) => Object.hasOwn(value, 'handoff_artifacts') || value.parallel_execution === false,
    marker: () => ({ parallel_execution: false }),
  },
  steps: sequentialHandoffSteps,
  rounds: () => NO_ROUNDS,
  innerEdge: 'handoff',
  edits: sequentialHandoffEdits,
};
