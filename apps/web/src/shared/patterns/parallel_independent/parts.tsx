import type { PlanStep, StageOf } from '@baton/core';
import { ADD_ROW_H, columnsFor } from '../blockMetrics';
import { type BlockRows, stepCell, stepsOf } from '../blockRows';
import type { WebPatternParts } from '../webPattern';
import { ParallelIndependentFields } from './Fields';

type TaskListStage = StageOf<'parallel_independent'> | StageOf<'sequential_handoff'>;

/** Tasks in a grid, then a row to add one; a chain (handoff) wraps after four, in reading order. */
export function taskListLayout(rows: BlockRows, steps: PlanStep[], model: TaskListStage): void {
  const tasks = stepsOf(steps, 'task');
  rows.grid(
    tasks.map(stepCell),
    model.pattern === 'sequential_handoff' ? Math.min(4, columnsFor(tasks.length)) : undefined,
  );
  rows.wide(
    rows.slot(
      'task',
      { kind: 'task' },
      tasks.length ? 'Drop an agent to add a task' : 'Drop agents here to add tasks',
    ),
    ADD_ROW_H,
    0,
  );
}

export const parallelIndependentParts: WebPatternParts<StageOf<'parallel_independent'>> = {
  Fields: ParallelIndependentFields,
  glyph: (
    <>
      <rect x="3" y="5" width="8" height="14" rx="2" />
      <rect x="13" y="5" width="8" height="14" rx="2" />
    </>
  ),
  hint: 'Tasks with no dependencies, all at once',
  layout: taskListLayout,
};
