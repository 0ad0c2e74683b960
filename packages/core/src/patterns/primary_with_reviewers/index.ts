import type { StageOf } from '../../model/types.js';
import type { PatternModule } from '../patternModule.js';
import { primaryWithReviewersKeys } from './keys.js';
import { primaryWithReviewersEdits } from './slotEdits.js';
import { primaryWithReviewersSteps } from './steps.js';

/** Primary with Reviewers: one agent's work, reviewed by others, revised on request. */
export const primaryWithReviewers: PatternModule<StageOf<'primary_with_reviewers'>> = {
  name: 'primary_with_reviewers',
  title: 'Primary with Reviewers',
  shortId: 'review',
  keys: primaryWithReviewersKeys,
  seed: {
    rank: 3,
    keys: ['primary_agent'],
    reveals: (value) => Object.hasOwn(value, 'primary_agent'),
    marker: () => null,
  },
  steps: primaryWithReviewersSteps,
  rounds: (stage) => ({ maxRevisions: stage.max_revisions ?? 0, maxAttempts: 1 }),
  innerEdge: 'step',
  edits: primaryWithReviewersEdits,
};
