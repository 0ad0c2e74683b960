import type { ModelPath, StageOf } from '../../model/types.js';
import { emptyStageWarning, own, type StageSteps } from '../../plan/stepDraft.js';
import { stepIds } from '../../plan/stepIds.js';
import type { ModelIssue } from '../../yaml/schemaIssues.js';

/** How a conditional_branching stage lays out its steps (docs/design.md §2.2). */
export function conditionalBranchingSteps(
  stage: StageOf<'conditional_branching'>,
  id: string,
  path: ModelPath,
): StageSteps {
  const logic = stage.conditional_logic;
  const analyzerId = stepIds.analyzer(id);
  const issues: ModelIssue[] = [];
  const seen = new Map<string, number>();
  logic.branches.forEach((b, i) => {
    if (!b.agent) {
      issues.push({
        severity: 'error',
        message: `branch '${b.condition}' has no agent: add "agent:" to say who runs when it is chosen`,
        path: [...path, 'conditional_logic', 'branches', i],
      });
    }
    const first = seen.get(b.condition);
    if (first !== undefined) {
      issues.push({
        severity: 'warning',
        message: `branch ${i} repeats condition '${b.condition}' of branch ${first}: only the first can ever run`,
        path: [...path, 'conditional_logic', 'branches', i, 'condition'],
      });
    } else seen.set(b.condition, i);
  });
  if (!logic.branches.length)
    issues.push(emptyStageWarning(path, 'add branches, each with a condition and an agent'));
  return {
    steps: [
      {
        id: analyzerId,
        role: 'analyzer',
        index: 0,
        agent: logic.analyzer,
        label: logic.analyzer_task ?? logic.analyzer,
        task: logic.analyzer_task ?? '',
        checklist: [],
        dependsOn: [],
        inputs: [],
        own: {},
        path: [...path, 'conditional_logic', 'analyzer'],
      },
      ...logic.branches.map((b, i) => ({
        id: stepIds.branch(id, i),
        role: 'branch' as const,
        index: i,
        agent: b.agent ?? null,
        label: b.condition,
        task: b.task ?? '',
        checklist: b.checklist ?? [],
        dependsOn: [analyzerId],
        inputs: [analyzerId],
        own: own(b),
        path: [...path, 'conditional_logic', 'branches', i],
        condition: b.condition,
      })),
    ],
    maxConcurrent: null,
    issues,
  };
}
