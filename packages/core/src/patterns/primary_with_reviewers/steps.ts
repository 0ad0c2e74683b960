import { didYouMean } from '../../diagnostics.js';
import { ownValue } from '../../model/ownValue.js';
import type { ModelPath, StageOf } from '../../model/types.js';
import type { StageSteps } from '../../plan/stepDraft.js';
import { stepIds } from '../../plan/stepIds.js';
import type { ModelIssue } from '../../yaml/schemaIssues.js';

/** How a primary_with_reviewers stage lays out its steps (docs/design.md §2.2). */
export function primaryWithReviewersSteps(
  stage: StageOf<'primary_with_reviewers'>,
  id: string,
  path: ModelPath,
): StageSteps {
  const primaryId = stepIds.primary(id);
  const reviewers = stage.reviewer_agents ?? [];
  const issues: ModelIssue[] = [];
  if (!reviewers.length) {
    issues.push({
      severity: 'warning',
      message: 'no reviewers: add reviewer_agents, or the primary goes unreviewed',
      path,
    });
  }
  for (const agent of Object.keys(stage.review_tasks ?? {})) {
    if (!reviewers.includes(agent)) {
      issues.push({
        severity: 'warning',
        message: `review_tasks names '${agent}', which is not among reviewer_agents${didYouMean(agent, reviewers)}`,
        path: [...path, 'review_tasks', agent],
        atKey: true,
      });
    }
  }
  const sequential = stage.parallel_execution === false;
  return {
    steps: [
      {
        id: primaryId,
        role: 'primary',
        index: 0,
        agent: stage.primary_agent,
        label: stage.primary_task ?? stage.primary_agent,
        task: stage.primary_task ?? '',
        checklist: [],
        dependsOn: [],
        inputs: [],
        own: {},
        path: [...path, 'primary_agent'],
      },
      ...reviewers.map((agent, i) => ({
        id: stepIds.reviewer(id, i),
        role: 'reviewer' as const,
        index: i,
        agent,
        label: agent,
        task: ownValue(stage.review_tasks, agent) ?? '',
        checklist: [],
        dependsOn: sequential && i > 0 ? [primaryId, stepIds.reviewer(id, i - 1)] : [primaryId],
        inputs: [primaryId],
        own: {},
        path: [...path, 'reviewer_agents', i],
      })),
    ],
    maxConcurrent: null,
    issues,
  };
}
