import type { PatternName } from '../model/patterns.js';
import type { Orchestration } from '../model/types.js';
import { PATTERN_REGISTRY } from '../patterns/registry.js';
import { stageIdOf } from '../plan/stepIds.js';

/** A short, readable id prefix per pattern, for the ids of stages added on the canvas. */
export const PATTERN_SHORT_ID = Object.fromEntries(
  Object.values(PATTERN_REGISTRY).map((m) => [m.name, m.shortId]),
) as Record<PatternName, string>;

/** The first of `base`, `base-2`, `base-3`… not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function stageIds(document: Orchestration): string[] {
  return document.stages.map((s, i) => stageIdOf(s, i));
}
