import type { StageOf } from '../../model/types.js';
import { NO_ROUNDS, type PatternModule } from '../patternModule.js';
import { fanOutFanInKeys } from './keys.js';
import { fanOutFanInEdits } from './slotEdits.js';
import { fanOutFanInSteps } from './steps.js';

/** Fan-Out / Fan-In: one agent over many tasks, their results gathered by another. */
export const fanOutFanIn: PatternModule<StageOf<'fan_out_fan_in'>> = {
  name: 'fan_out_fan_in',
  title: 'Fan-Out / Fan-In',
  shortId: 'fan',
  keys: fanOutFanInKeys,
  seed: {
    rank: 0,
    keys: ['fan_out', 'fan_in'],
    reveals: (value) => Object.hasOwn(value, 'fan_out') || Object.hasOwn(value, 'fan_in'),
    marker: () => null,
  },
  steps: fanOutFanInSteps,
  rounds: () => NO_ROUNDS,
  innerEdge: 'step',
  edits: fanOutFanInEdits,
};
