import type { z } from 'zod';
import type { ModelPath } from '../model/types.js';
import type { StageSteps } from '../plan/stepDraft.js';
import type { AddSlot, StepRef } from './slots.js';

/** What every stage has, whatever its pattern: the most a pattern-generic caller may assume. */
export interface PatternStage {
  pattern: string;
}

/** How a seed-form file (one pattern's keys, no `pattern:`) reveals this pattern, docs/design.md §2.1. */
export interface SeedRule {
  /** Inference tries patterns by rank, lowest first: the first that `reveals` the keys wins. */
  rank: number;
  /** The keys that tell this pattern, for messages and suggestions. */
  keys: readonly string[];
  reveals(value: Record<string, unknown>): boolean;
  /**
   * Keys to write before the stage's own on seed export when the stage's keys alone do not
   * reveal the pattern (a left-implicit `parallel_execution`), or null when nothing can.
   */
  marker(keys: Record<string, unknown>): Record<string, unknown> | null;
}

/** The document edits a pattern's blocks offer, on a private copy of one stage (mutated in place). */
export interface SlotEdits<S extends PatternStage> {
  /** A fresh stage, as a block dropped on the canvas makes it: required agents left '' until dropped in. */
  newStage(): S;
  /** The slot an agent dropped on the block's body fills: the first empty one, else a new item. */
  autoSlot(stage: S): AddSlot;
  addAgent(stage: S, slot: AddSlot, agent: string): void;
  setStepAgent(stage: S, ref: StepRef, agent: string): void;
  removeStep(stage: S, ref: StepRef): void;
  moveStep(stage: S, ref: StepRef, to: number): void;
  /** How many siblings a step can be reordered among (1 when it cannot move). */
  siblingCount(stage: S, ref: StepRef): number;
}

/**
 * Everything core knows about one pattern. Members taking a stage use method syntax on purpose:
 * TypeScript checks method parameters bivariantly, so a module typed for its own stage is also a
 * `PatternModule<PatternStage>`, which is what the pattern-generic dispatchers (and the registry
 * test's fake pattern) take.
 */
export interface PatternModule<S extends PatternStage> {
  readonly name: S['pattern'];
  /** The human title, as the seed names the pattern. */
  readonly title: string;
  /** A short, readable id prefix for stages added on the canvas. */
  readonly shortId: string;
  /** Its own keys (zod shape): the same object as its entry in PATTERN_KEYS. */
  readonly keys: z.ZodRawShape;
  readonly seed: SeedRule;
  /** The steps of one stage, with their dependencies inside it (docs/design.md §2.2). */
  steps(stage: S, stageId: string, path: ModelPath): StageSteps;
  /** Review rounds and validation attempts the stage allows (1 attempt, 0 revisions when none). */
  rounds(stage: S): { maxRevisions: number; maxAttempts: number };
  /** The kind of the edges between steps inside the stage. */
  readonly innerEdge: 'step' | 'handoff';
  readonly edits: SlotEdits<S>;
}

/** A registry as the generic dispatchers read it: any pattern name to its module. */
export type PatternModules = Readonly<Record<string, PatternModule<PatternStage>>>;

export const NO_ROUNDS = { maxRevisions: 0, maxAttempts: 1 } as const;
