import { RESERVED_NAME } from '../model/reservedName.js';

/** Step ids of docs/design.md §2.3; each is the canvas node id of its step. */
export const stepIds = {
  task: (stage: string, index: number, ownId?: string) => `${stage}.${ownId ?? `task.${index}`}`,
  sync: (stage: string, index: number) => `${stage}.sync.${index}`,
  primary: (stage: string) => `${stage}.primary`,
  reviewer: (stage: string, index: number) => `${stage}.reviewer.${index}`,
  phase: (stage: string, index: number) => `${stage}.phase.${index}.agent`,
  validator: (stage: string, index: number) => `${stage}.phase.${index}.validator`,
  fanout: (stage: string, index: number) => `${stage}.fanout.${index}`,
  fanin: (stage: string) => `${stage}.fanin`,
  analyzer: (stage: string) => `${stage}.analyzer`,
  branch: (stage: string, index: number) => `${stage}.branch.${index}`,
};

/** A stage's id: its own, else from its name, else `<pattern>-<n>` (1-based). */
export function stageIdOf(stage: { id?: string; name?: string; pattern: string }, index: number): string {
  if (stage.id) return stage.id;
  const fromName = stage.name
    ?.toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return fromName && fromName !== RESERVED_NAME ? fromName : `${stage.pattern}-${index + 1}`;
}
