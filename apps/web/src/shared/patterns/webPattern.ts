import type { ModelPath, PatternStage, PlanStep } from '@baton/core';
import type { ComponentType, ReactNode } from 'react';
import type { BlockRows } from './blockRows';

/** What a pattern's Inspector fields are given: the stage's model path and its id. */
export interface PatternFieldsProps {
  base: ModelPath;
  stageId: string;
}

/**
 * What the editor shows of one pattern, all in its folder: its glyph, its one-line hint, how
 * its block lays out its steps, and its Inspector fields (built from the shared field widgets).
 * `layout` uses method syntax so that a pattern's parts typed for its own stage are also parts
 * for any stage (TypeScript checks method parameters bivariantly), as blockLayout calls them.
 */
export interface WebPatternParts<S extends PatternStage> {
  /** The inside of a 24×24 SVG: a small drawing of the pattern's shape, as the seed's diagrams draw it. */
  readonly glyph: ReactNode;
  /** One line on what the pattern is for (the seed's "When to use"). */
  readonly hint: string;
  /** The stage's own settings in the Inspector. */
  readonly Fields: ComponentType<PatternFieldsProps>;
  /** Where each of the stage's steps, and each "+" slot, sits inside its block. */
  layout(rows: BlockRows, steps: PlanStep[], model: S): void;
}
