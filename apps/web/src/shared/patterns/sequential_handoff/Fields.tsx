import type { ModelPath } from '@baton/core';
import { StringListField } from '../../fields/StringListField';
import { TaskListSummary } from '../../fields/TaskListSummary';

export function SequentialHandoffFields({ base, stageId }: { base: ModelPath; stageId: string }) {
  return (
    <>
      <StringListField
        path={[...base, 'handoff_artifacts']}
        label="Handoff artifacts"
        addLabel="Add artifact"
        placeholder="e.g. migration_script"
        hint="Task i's result is stored as artifact i and handed to every later task"
      />
      <h4 className="inspector-subhead">Chain</h4>
      <TaskListSummary stageId={stageId} empty="No tasks yet: drop agents into the block, in order." />
    </>
  );
}
