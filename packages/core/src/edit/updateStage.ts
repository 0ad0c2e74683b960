import type { Orchestration, Stage } from '../model/types.js';

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
  const draft = cloneData(current);
  const next = change(draft) ?? draft;
  const stages = document.stages.slice();
  stages[index] = next;
  return { ...document, stages };
}

/** A deep copy of plain data (what a parsed stage is); core has neither the DOM's nor Node's structuredClone. */
function cloneData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneData) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // defineProperty, so that an own `__proto__` key stays a key rather than setting the prototype.
      Object.defineProperty(out, k, {
        value: cloneData(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }
  return value;
}
