import type { ModelPath, StageOf } from '../../model/types.js';
import { emptyStageWarning, type StageSteps, taskDraft } from '../../plan/stepDraft.js';
import { stepIds } from '../../plan/stepIds.js';
import type { ModelIssue } from '../../yaml/schemaIssues.js';

/** How a sequential_handoff stage lays out its steps (docs/design.md §2.2). */
export function sequentialHandoffSteps(
  stage: StageOf<'sequential_handoff'>,
  id: string,
  path: ModelPath,
): StageSteps {
  const tasks = stage.tasks ?? [];
  const artifacts = stage.handoff_artifacts ?? [];
  const ids = tasks.map((t, i) => stepIds.task(id, i, t.id));
  const issues: ModelIssue[] = tasks.length ? [] : [emptyStageWarning(path, 'add the tasks of the chain')];
  if (tasks.length && artifacts.length > tasks.length) {
    issues.push({
      severity: 'warning',
      message: `${artifacts.length} handoff artifacts for ${tasks.length} tasks: artifacts past the last task are never produced`,
      path: [...path, 'handoff_artifacts', tasks.length],
    });
  }
  return {
    steps: tasks.map((t, i) => {
      const produces = t.produces ?? artifacts[i];
      return taskDraft(t, ids[i] as string, i, path, {
        dependsOn: i > 0 ? [ids[i - 1] as string] : [],
        inputs: ids.slice(0, i),
        produces,
      });
    }),
    maxConcurrent: null,
    issues,
  };
}
