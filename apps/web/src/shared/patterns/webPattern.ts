import type { PatternStage, PlanStep } from '@baton/core';
import type { ReactNode } from 'react';
import type { BlockRows } from './blockRows';

/**
 * What the editor shows of one pattern, besides its Inspector fields (those are Inspector UI, in
 * inspector/patterns/): its glyph, its one-line hint and how its block lays out its steps.
 * `layout` uses method syntax so that a pattern's parts typed for its own stage are also parts
 * for any stage (TypeScript checks method parameters bivariantly), as blockLayout calls them.
 */
export interface WebPatternParts<S extends PatternStage> {
  /** The inside of a 24×24 SVG: a small drawing of the pattern's shape, as the seed's diagrams draw it. */
  readonly glyph: ReactNode;
  /** One line on what the pattern is for (the seed's "When to use"). */
  readonly hint: string;
  /** Where each of the stage's steps, and each "+" slot, sits inside its block. */
  layout(rows: BlockRows, steps: PlanStep[], model: S): void;
}
