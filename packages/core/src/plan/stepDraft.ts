import type { Duration } from '../model/duration.js';
import type { ModelPath, Task } from '../model/types.js';
import type { ModelIssue } from '../yaml/schemaIssues.js';
import type { StepRole } from './types.js';

/** The settings a step may carry itself; the compiler resolves the rest from stage, agent and defaults. */
export interface OwnSettings {
  timeout?: Duration;
  retries?: number;
  fallback_agent?: string;
}

/** A step as a pattern lays it out, before the compiler resolves its agent and settings. */
export interface StepDraft {
  id: string;
  role: StepRole;
  index: number;
  agent: string | null;
  label: string;
  task: string;
  checklist: string[];
  dependsOn: string[];
  inputs: string[];
  own: OwnSettings;
  path: ModelPath;
  produces?: string;
  condition?: string;
  syncPoint?: string;
}

export interface StageSteps {
  steps: StepDraft[];
  maxConcurrent: number | null;
  issues: ModelIssue[];
}

/** A step's own settings, copied so that the draft holds no other keys of the item. */
export const own = (s: OwnSettings): OwnSettings => ({
  timeout: s.timeout,
  retries: s.retries,
  fallback_agent: s.fallback_agent,
});

export function emptyStageWarning(path: ModelPath, what: string): ModelIssue {
  return { severity: 'warning', message: `this stage is empty: ${what}`, path };
}

/**
 * A task item's step: what every pattern with a task list draws from the item the same way
 * (agent, label, task, checklist, own settings, path); the pattern gives the links.
 */
export function taskDraft(
  task: Task,
  id: string,
  index: number,
  path: ModelPath,
  links: Pick<StepDraft, 'dependsOn' | 'inputs'> & Pick<Partial<StepDraft>, 'produces' | 'syncPoint'>,
): StepDraft {
  const draft: StepDraft = {
    id,
    role: 'task',
    index,
    agent: task.agent,
    label: task.task ?? task.agent,
    task: task.task ?? '',
    checklist: task.checklist ?? [],
    dependsOn: links.dependsOn,
    inputs: links.inputs,
    own: own(task),
    path: [...path, 'tasks', index],
  };
  if (links.syncPoint !== undefined) draft.syncPoint = links.syncPoint;
  if (links.produces) draft.produces = links.produces;
  return draft;
}
