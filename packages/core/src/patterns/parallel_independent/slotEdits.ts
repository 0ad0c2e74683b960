import type { StageOf } from '../../model/types.js';
import type { SlotEdits } from '../patternModule.js';
import { moveItem } from '../slots.js';

type TaskListStage = StageOf<'parallel_independent'> | StageOf<'sequential_handoff'>;

/**
 * A plain list of tasks: what parallel_independent and sequential_handoff blocks share. The
 * handoff's module reuses it with its own fresh stage.
 */
export function taskListEdits<S extends TaskListStage>(newStage: () => S): SlotEdits<S> {
  return {
    newStage,
    autoSlot: () => ({ kind: 'task' }),
    addAgent(stage, _slot, agent) {
      stage.tasks = [...(stage.tasks ?? []), { agent }];
    },
    setStepAgent(stage, ref, agent) {
      const task = stage.tasks?.[ref.index];
      if (task) task.agent = agent;
    },
    removeStep(stage, ref) {
      stage.tasks?.splice(ref.index, 1);
    },
    moveStep(stage, ref, to) {
      if (stage.tasks) stage.tasks = moveItem(stage.tasks, ref.index, to);
    },
    siblingCount: (stage) => stage.tasks?.length ?? 0,
  };
}

export const parallelIndependentEdits = taskListEdits<StageOf<'parallel_independent'>>(() => ({
  pattern: 'parallel_independent',
  parallel_execution: true,
  tasks: [],
}));
