import type { Orchestration, Stage } from '@baton/core';

/**
 * A copy of the document with stage `index` replaced by what `change` makes of a private copy of
 * it. Other stages keep their identity, so an edit costs one stage, not the whole document.
 */
export function updateStage(
  document: Orchestration,
  index: number,
  change: (stage: Stage) => Stage | undefined,
): Orchestration {
  const current = document.stages[index];
  if (!current) return document;
  const draft = structuredClone(current);
  const next = change(draft) ?? draft;
  const stages = document.stages.slice();
  stages[index] = next;
  return { ...document, stages };
}

/** Move an array item from one index to another (both clamped), returning a new array. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = items.slice();
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}
