import type { ModelPath, StageOf } from '../../model/types.js';
import { emptyStageWarning, type StageSteps } from '../../plan/stepDraft.js';
import { stepIds } from '../../plan/stepIds.js';

/** How a fan_out_fan_in stage lays out its steps (docs/design.md §2.2). */
export function fanOutFanInSteps(stage: StageOf<'fan_out_fan_in'>, id: string, path: ModelPath): StageSteps {
  const sequential = stage.fan_out.parallel === false;
  const outIds = stage.fan_out.tasks.map((_, i) => stepIds.fanout(id, i));
  return {
    steps: [
      ...stage.fan_out.tasks.map((task, i) => ({
        id: outIds[i] as string,
        role: 'fanout' as const,
        index: i,
        agent: stage.fan_out.agent,
        label: task,
        task,
        checklist: [],
        dependsOn: sequential && i > 0 ? [outIds[i - 1] as string] : [],
        inputs: [],
        own: {},
        path: [...path, 'fan_out', 'tasks', i],
      })),
      {
        id: stepIds.fanin(id),
        role: 'fanin' as const,
        index: 0,
        agent: stage.fan_in.agent,
        label: stage.fan_in.task ?? stage.fan_in.agent,
        task: stage.fan_in.task ?? '',
        checklist: [],
        dependsOn: outIds,
        inputs: outIds,
        own: {},
        path: [...path, 'fan_in'],
      },
    ],
    maxConcurrent: stage.fan_out.max_concurrent ?? null,
    issues: stage.fan_out.tasks.length ? [] : [emptyStageWarning(path, 'add fan_out tasks')],
  };
}
