import type { ModelPath } from '@baton/core';
import { BooleanField } from '../../fields/BooleanField';
import { NumberField } from '../../fields/NumberField';
import { TaskListSummary } from '../../fields/TaskListSummary';

export function ParallelIndependentFields({ base, stageId }: { base: ModelPath; stageId: string }) {
  return (
    <>
      <BooleanField path={[...base, 'parallel_execution']} label="Run tasks in parallel" defaultValue />
      <NumberField
        path={[...base, 'max_concurrent']}
        label="At most at once"
        placeholder="no limit"
        min={1}
        hint="Must be at least 1"
      />
      <h4 className="inspector-subhead">Tasks</h4>
      <TaskListSummary stageId={stageId} empty="No tasks yet: drop agents into the block." />
    </>
  );
}
