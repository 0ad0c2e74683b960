import type { ModelPath } from '@baton/core';
import { AgentField } from '../../fields/AgentField';
import { BooleanField } from '../../fields/BooleanField';
import { NumberField } from '../../fields/NumberField';
import { StringListField } from '../../fields/StringListField';
import { TextField } from '../../fields/TextField';

export function FanOutFanInFields({ base }: { base: ModelPath }) {
  return (
    <>
      <h4 className="inspector-subhead">Fan-out</h4>
      <AgentField path={[...base, 'fan_out', 'agent']} label="Agent" />
      <StringListField
        path={[...base, 'fan_out', 'tasks']}
        label="Tasks"
        addLabel="Add task"
        placeholder="e.g. user_service"
        removeEmpty={false}
      />
      <BooleanField path={[...base, 'fan_out', 'parallel']} label="In parallel" defaultValue />
      <NumberField
        path={[...base, 'fan_out', 'max_concurrent']}
        label="At most at once"
        placeholder="no limit"
        min={1}
      />
      <h4 className="inspector-subhead">Fan-in</h4>
      <AgentField path={[...base, 'fan_in', 'agent']} label="Agent" />
      <TextField path={[...base, 'fan_in', 'task']} label="Task" />
    </>
  );
}
