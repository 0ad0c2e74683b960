import { didYouMean, listNames } from '../../diagnostics.js';
import type { ModelPath, StageOf } from '../../model/types.js';
import { emptyStageWarning, own, type StageSteps, type StepDraft, taskDraft } from '../../plan/stepDraft.js';
import { stepIds } from '../../plan/stepIds.js';
import type { ModelIssue } from '../../yaml/schemaIssues.js';

/** How a parallel_with_sync stage lays out its steps (docs/design.md §2.2). */
export function parallelWithSyncSteps(
  stage: StageOf<'parallel_with_sync'>,
  id: string,
  path: ModelPath,
): StageSteps {
  const issues: ModelIssue[] = [];
  const points = stage.sync_points.map((p) => (typeof p === 'string' ? { name: p } : p));
  const names = points.map((p) => p.name);
  points.forEach((p, k) => {
    if (names.indexOf(p.name) !== k) {
      issues.push({
        severity: 'error',
        message: `duplicate sync point '${p.name}': each sync point needs its own name`,
        path: [...path, 'sync_points', k],
      });
    }
  });
  const tasks = stage.tasks ?? [];
  // Segment s holds the tasks that run between barrier s-1 and barrier s (segment 0: before the first).
  const segmentOf = tasks.map((t, i) => {
    if (t.after === undefined) return 0;
    const k = names.indexOf(t.after);
    if (k < 0) {
      issues.push({
        severity: 'error',
        message: `'after: ${t.after}' names no sync point${didYouMean(t.after, names)}; the sync points are: ${listNames(names) || '(none)'}`,
        path: [...path, 'tasks', i, 'after'],
      });
      return 0;
    }
    return k + 1;
  });
  const taskIds = tasks.map((t, i) => stepIds.task(id, i, t.id));
  const steps: StepDraft[] = [];
  const carried: string[] = []; // results handed on past each barrier
  for (let s = 0; s <= points.length; s++) {
    const barrierBefore = s > 0 ? [stepIds.sync(id, s - 1)] : [];
    const segmentIds: string[] = [];
    tasks.forEach((t, i) => {
      if (segmentOf[i] !== s) return;
      segmentIds.push(taskIds[i] as string);
      steps.push(
        taskDraft(t, taskIds[i] as string, i, path, {
          dependsOn: barrierBefore,
          inputs: [...carried],
          syncPoint: s > 0 ? names[s - 1] : undefined,
          produces: t.produces,
        }),
      );
    });
    carried.push(...segmentIds);
    const point = points[s];
    if (!point) continue;
    const syncId = stepIds.sync(id, s);
    steps.push({
      id: syncId,
      role: 'sync',
      index: s,
      agent: point.agent ?? null,
      label: point.name,
      task: point.task ?? '',
      checklist: point.checklist ?? [],
      dependsOn: [...barrierBefore, ...segmentIds],
      inputs: [...carried],
      own: typeof point === 'object' ? own(point) : {},
      path: [...path, 'sync_points', s],
      syncPoint: point.name,
    });
    if (point.agent) carried.push(syncId);
  }
  if (!tasks.length && !points.some((p) => p.agent)) {
    issues.push(emptyStageWarning(path, 'add tasks, or give a sync point an agent'));
  }
  return {
    steps,
    maxConcurrent: stage.parallel_execution === false ? 1 : (stage.max_concurrent ?? null),
    issues,
  };
}
