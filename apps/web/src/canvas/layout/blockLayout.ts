import type { PlanStage, PlanStep, Stage } from '@baton/core';
import { type BlockLayout, BlockRows } from '../../shared/patterns/blockRows';
import { webPatternOf } from '../../shared/patterns/registry';

export type { BlockLayout, LayoutItem } from '../../shared/patterns/blockRows';

/**
 * Where each step of a stage sits inside its block, as its pattern reads: side by side when
 * parallel, in reading order when chained, the primary over its reviewers, phases as rows of
 * agent → validator, fan-out over fan-in, the analyzer over its branches, sync bars across the
 * lanes. "+" slots show where a dropped agent would go. Each pattern's is its `layout` part
 * (shared/patterns/<pattern>/parts.tsx).
 */
export function blockLayout(stage: PlanStage, steps: PlanStep[], model: Stage): BlockLayout {
  const rows = new BlockRows(stage.id);
  webPatternOf(model.pattern).layout(rows, steps, model);
  return rows.finish();
}
