import type { StageOf } from '../../model/types.js';
import { taskListEdits } from '../parallel_independent/slotEdits.js';

// A handoff chain is edited as a task list, like parallel_independent; only its fresh stage differs.
export const sequentialHandoffEdits = taskListEdits<StageOf<'sequential_handoff'>>(() => ({
  pattern: 'sequential_handoff',
  parallel_execution: false,
  tasks: [],
}));
