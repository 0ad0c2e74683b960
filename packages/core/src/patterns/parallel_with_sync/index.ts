import type { StageOf } from '../../model/types.js';
import { NO_ROUNDS, type PatternModule } from '../patternModule.js';
import { parallelWithSyncKeys } from './keys.js';
import { parallelWithSyncEdits } from './slotEdits.js';
import { parallelWithSyncSteps } from './steps.js';

/** Parallel with Sync Points: parallel tasks between barriers, each barrier waiting for the tasks before it. */
export const parallelWithSync: PatternModule<StageOf<'parallel_with_sync'>> = {
  name: 'parallel_with_sync',
  title: 'Parallel with Sync Points',
  shortId: 'sync',
  keys: parallelWithSyncKeys,
  seed: {
    rank: 4,
    keys: ['sync_points'],
    reveals: (value) => Object.hasOwn(value, 'sync_points'),
    marker: () => null,
  },
  steps: parallelWithSyncSteps,
  rounds: () => NO_ROUNDS,
  innerEdge: 'step',
  edits: parallelWithSyncEdits,
};
