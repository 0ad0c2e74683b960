import { revisionDue } from '../reviewRules.js';
import type { StageFlow } from '../stageFlow.js';
import { isFinished, type StageRun } from '../stepRun.js';
import { DEPENDENCIES_ONLY, type StageRules } from './stageRules.js';

/** After a review round: requested changes with revisions left send the primary back to work. */
export function maybeRevise(flow: StageFlow, stage: StageRun): void {
  const again = revisionDue(stage);
  if (!again) return;
  stage.reviewRound++;
  for (const s of again) {
    if (isFinished(s.phase)) stage.unfinished++;
    s.phase = 'pending';
  }
  flow.evaluate(again);
}

/**
 * A primary waiting to run again after every reviewer of its round answered, some asking for
 * changes, is on its revision: the next round. (A log written before `step.queued` carried
 * the round says no more than that.)
 */
function revisionUnderway(stage: StageRun): void {
  const primary = stage.steps.find((s) => s.step.role === 'primary');
  const reviewers = stage.steps.filter((s) => s.step.role === 'reviewer');
  if (primary?.phase !== 'pending' || !reviewers.length) return;
  if (primary.round > stage.stage.maxRevisions) return;
  if (!reviewers.every((r) => r.phase === 'succeeded' && r.round === primary.round)) return;
  if (reviewers.some((r) => r.result?.verdict === 'changes_requested')) primary.round++;
}

export const primaryWithReviewersRules: StageRules = {
  ...DEPENDENCIES_ONLY,
  ended(flow, s) {
    if (s.step.role === 'reviewer') maybeRevise(flow, s.stage);
  },
  revive: maybeRevise,
  restore(stage) {
    revisionUnderway(stage);
    stage.reviewRound = Math.max(1, ...stage.steps.map((s) => s.round));
    // A reviewer that last ran in an earlier round has yet to review the revision.
    for (const s of stage.steps) {
      if (s.step.role === 'reviewer' && s.round < stage.reviewRound) s.phase = 'pending';
    }
  },
};
