import { type Orchestration, type PatternName, type Stage, stageIdOf } from '@baton/core';

/** A short, readable id prefix per pattern, for the ids of stages added on the canvas. */
export const PATTERN_SHORT_ID: Record<PatternName, string> = {
  parallel_independent: 'parallel',
  sequential_handoff: 'handoff',
  parallel_with_sync: 'sync',
  primary_with_reviewers: 'review',
  incremental_validation: 'phases',
  fan_out_fan_in: 'fan',
  conditional_branching: 'branch',
};

/**
 * A fresh stage of a pattern, as a pattern block dropped on the canvas makes it: the seed's keys
 * in the seed's order, with required agent slots left empty ('') until an agent is dropped in.
 */
export function newStage(pattern: PatternName): Stage {
  switch (pattern) {
    case 'parallel_independent':
      return { pattern, parallel_execution: true, tasks: [] };
    case 'sequential_handoff':
      return { pattern, parallel_execution: false, tasks: [] };
    case 'parallel_with_sync':
      return { pattern, parallel_execution: true, sync_points: ['Sync point 1'], tasks: [] };
    case 'primary_with_reviewers':
      return { pattern, primary_agent: '', reviewer_agents: [], parallel_execution: true };
    case 'incremental_validation':
      return { pattern, phases: [], sequential: true };
    case 'fan_out_fan_in':
      return { pattern, fan_out: { agent: '', tasks: [], parallel: true }, fan_in: { agent: '' } };
    case 'conditional_branching':
      return { pattern, conditional_logic: { analyzer: '', branches: [] } };
  }
}

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
