import type { ModelPath } from '@baton/core';
import { AgentField } from '../../fields/AgentField';
import { BooleanField } from '../../fields/BooleanField';
import { NumberField } from '../../fields/NumberField';
import { StringListField } from '../../fields/StringListField';
import { TextField } from '../../fields/TextField';

export function PrimaryWithReviewersFields({ base }: { base: ModelPath }) {
  return (
    <>
      <AgentField path={[...base, 'primary_agent']} label="Primary agent" />
      <TextField path={[...base, 'primary_task']} label="Primary task" multiline />
      <StringListField
        path={[...base, 'reviewer_agents']}
        label="Reviewers"
        addLabel="Add reviewer"
        agents
        removeEmpty={false}
      />
      <BooleanField path={[...base, 'parallel_execution']} label="Reviews in parallel" defaultValue />
      <NumberField
        path={[...base, 'max_revisions']}
        label="Revision rounds"
        placeholder="0"
        hint="Requested changes go back to the primary this many times (0–20)"
      />
    </>
  );
}
