import type { StepRole } from '@baton/core';

/** How a step's role reads on its node. */
export const ROLE_LABEL: Record<StepRole, string> = {
  task: 'Task',
  sync: 'Sync point',
  primary: 'Primary',
  reviewer: 'Reviewer',
  phase: 'Phase',
  validator: 'Validator',
  fanout: 'Fan-out',
  fanin: 'Fan-in',
  analyzer: 'Analyzer',
  branch: 'Branch',
};

/** What an empty slot asks for. */
export const EMPTY_SLOT_HINT: Partial<Record<StepRole, string>> = {
  primary: 'Drop the primary agent',
  fanin: 'Drop the fan-in agent',
  analyzer: 'Drop the analyzer agent',
  phase: 'Drop the phase agent',
  fanout: 'Drop the fan-out agent',
  branch: 'Drop the branch agent',
  task: 'Drop an agent',
};
