import { type Orchestration, type Stage, stageIdOf } from '@baton/core';

/**
 * Set a stage's `id` or `name` (either may change its id) and keep every `needs` that named it
 * pointing at it. Returns the new document and the id change, if any.
 */
export function renameStage(
  document: Orchestration,
  index: number,
  key: 'id' | 'name',
  value: string | undefined,
): { document: Orchestration; from: string; to: string } {
  const stage = document.stages[index];
  if (!stage) return { document, from: '', to: '' };
  const from = stageIdOf(stage, index);
  const next = { ...stage } as Stage;
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  const to = stageIdOf(next, index);
  const stages = document.stages.map((s, i) => {
    if (i === index) return next;
    if (from !== to && s.needs?.includes(from))
      return { ...s, needs: s.needs.map((n) => (n === from ? to : n)) };
    return s;
  });
  return { document: { ...document, stages }, from, to };
}
