import type { ModelPath } from '@baton/core';
import { BooleanField } from '../../fields/BooleanField';
import { NumberField } from '../../fields/NumberField';
import { TaskListSummary } from '../../fields/TaskListSummary';

export function IncrementalValidationFields({ base, stageId }: { base: ModelPath; stageId: string }) {
  return (
    <>
      <BooleanField path={[...base, 'sequential']} label="Only proceed if validation passes" defaultValue />
      <NumberField
        path={[...base, 'max_attempts']}
        label="Attempts per phase"
        placeholder="1"
        hint="A failed validation re-runs the phase with the findings (1–20)"
      />
      <h4 className="inspector-subhead">Phases</h4>
      <TaskListSummary stageId={stageId} empty="No phases yet: drop an agent into the block." />
    </>
  );
}
