import {
  newStage,
  type Orchestration,
  PATTERN_SHORT_ID,
  type PatternName,
  type Stage,
  stageIdOf,
  stageIds,
  uniqueId,
} from '@baton/core';

export interface StageAdded {
  document: Orchestration;
  stageId: string;
  /** Stage ids that changed (old → new) when the stages were given explicit ids. */
  renames: Record<string, string>;
}

/**
 * Give every stage an explicit `id`, so that `needs` and canvas positions survive reordering and
 * deletion. Stages keep their current id when it came from a name; a stage known only by its
 * position (`<pattern>-<n>`) gets a short one (`review`, `parallel-2`).
 */
function explicitIds(document: Orchestration): { document: Orchestration; renames: Record<string, string> } {
  const renames: Record<string, string> = {};
  const taken = new Set(document.stages.filter((s) => s.id).map((s) => s.id as string));
  const stages = document.stages.map((stage, i) => {
    if (stage.id) return stage;
    const old = stageIdOf(stage, i);
    const id = uniqueId(stage.name ? old : PATTERN_SHORT_ID[stage.pattern], taken);
    taken.add(id);
    if (id !== old) renames[old] = id;
    return { ...stage, id } as Stage;
  });
  if (Object.keys(renames).length === 0 && stages.every((s, i) => s === document.stages[i])) {
    return { document, renames };
  }
  return { document: { ...document, stages: renameNeeds(stages, renames) }, renames };
}

function renameNeeds(stages: Stage[], renames: Record<string, string>): Stage[] {
  return stages.map((stage) =>
    stage.needs?.some((n) => renames[n])
      ? { ...stage, needs: stage.needs.map((n) => renames[n] ?? n) }
      : stage,
  );
}

/** Add a stage of a pattern at the end. The first stage stays id-less (it may be a seed-form file). */
export function addStage(document: Orchestration, pattern: PatternName): StageAdded {
  const stage = newStage(pattern);
  if (document.stages.length === 0) {
    return {
      document: { ...document, stages: [stage] },
      stageId: stageIdOf(stage, 0),
      renames: {},
    };
  }
  return appendStages(document, [stage]).added[0] as StageAdded;
}

/** Append stages (a paste, a pattern drop), giving every stage an explicit, unique id. */
export function appendStages(
  document: Orchestration,
  incoming: Stage[],
): { document: Orchestration; stageIds: string[]; added: StageAdded[]; renames: Record<string, string> } {
  const base = explicitIds(document);
  const taken = new Set(stageIds(base.document));
  const localRenames: Record<string, string> = {};
  const added = incoming.map((stage, k) => {
    const own = stageIdOf(stage, k);
    const id = uniqueId(stage.id ?? (stage.name ? own : PATTERN_SHORT_ID[stage.pattern]), taken);
    taken.add(id);
    localRenames[own] = id;
    return { ...stage, id } as Stage;
  });
  // Needs among the pasted stages follow their new ids; needs on stages that do not exist are dropped.
  const fixed = added.map((stage) => {
    if (!stage.needs) return stage;
    const needs = stage.needs.map((n) => localRenames[n] ?? n).filter((n) => taken.has(n));
    return { ...stage, needs };
  });
  const next = { ...base.document, stages: [...base.document.stages, ...fixed] };
  const ids = fixed.map((s) => s.id as string);
  return {
    document: next,
    stageIds: ids,
    renames: base.renames,
    added: ids.map((stageId) => ({ document: next, stageId, renames: base.renames })),
  };
}

/** Delete a stage; other stages stop needing it. */
export function removeStage(document: Orchestration, index: number): Orchestration {
  const ids = stageIds(document);
  const gone = ids[index];
  const stages = document.stages
    .filter((_, i) => i !== index)
    .map((stage) =>
      stage.needs?.includes(gone as string)
        ? { ...stage, needs: stage.needs.filter((n) => n !== gone) }
        : stage,
    );
  return { ...document, stages };
}

/** The needs a stage has now: its own list, or the previous stage when it says nothing. */
export function effectiveNeeds(document: Orchestration, index: number): string[] {
  const stage = document.stages[index];
  if (!stage) return [];
  if (stage.needs) return stage.needs;
  return index > 0 ? [stageIdOf(document.stages[index - 1] as Stage, index - 1)] : [];
}

/** Would `to` needing `from` close a loop? */
export function wouldCycle(document: Orchestration, from: string, to: string): boolean {
  if (from === to) return true;
  const ids = stageIds(document);
  const needsOf = new Map(ids.map((id, i) => [id, effectiveNeeds(document, i)]));
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(needsOf.get(id) ?? []));
  }
  return false;
}

/** Connect two blocks: `to` needs `from` (its implicit need, if any, is kept as it was shown). */
export function connectStages(document: Orchestration, from: string, to: string): Orchestration {
  const ids = stageIds(document);
  const index = ids.indexOf(to);
  if (index < 0 || !ids.includes(from) || wouldCycle(document, from, to)) return document;
  const needs = effectiveNeeds(document, index);
  if (needs.includes(from)) return document;
  const stages = document.stages.slice();
  stages[index] = { ...(stages[index] as Stage), needs: [...needs, from] };
  return { ...document, stages };
}

/** Remove a `needs` edge; an implicit one becomes an explicit list without it (maybe `[]`). */
export function disconnectStages(document: Orchestration, from: string, to: string): Orchestration {
  const index = stageIds(document).indexOf(to);
  if (index < 0) return document;
  const needs = effectiveNeeds(document, index);
  if (!needs.includes(from)) return document;
  const stages = document.stages.slice();
  stages[index] = { ...(stages[index] as Stage), needs: needs.filter((n) => n !== from) };
  return { ...document, stages };
}
