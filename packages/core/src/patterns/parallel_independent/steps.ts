import type { ModelPath, StageOf } from '../../model/types.js';
import { emptyStageWarning, type StageSteps, taskDraft } from '../../plan/stepDraft.js';
import { stepIds } from '../../plan/stepIds.js';

/** How a parallel_independent stage lays out its steps (docs/design.md §2.2). */
export function parallelIndependentSteps(
  stage: StageOf<'parallel_independent'>,
  id: string,
  path: ModelPath,
): StageSteps {
  const tasks = stage.tasks ?? [];
  return {
    steps: tasks.map((t, i) =>
      taskDraft(t, stepIds.task(id, i, t.id), i, path, { dependsOn: [], inputs: [], produces: t.produces }),
    ),
    maxConcurrent: stage.parallel_execution === false ? 1 : (stage.max_concurrent ?? null),
    issues: tasks.length ? [] : [emptyStageWarning(path, 'add tasks (drag agents into the block)')],
  };
}
