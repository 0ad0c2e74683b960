import type { PatternName } from '../model/patterns.js';
import type { Orchestration, Stage } from '../model/types.js';
import type { PatternModules } from '../patterns/patternModule.js';
import { PATTERN_MODULES, patternModule } from '../patterns/registry.js';
import type { AddSlot, StepRef } from '../patterns/slots.js';
import { updateStage } from './updateStage.js';

/**
 * The document edits of a block's slots, for the editor, the CLI and the server alike: each
 * finds the stage's pattern module and lets it edit a private copy of the stage. `modules`
 * defaults to every pattern's; the registry test passes one with a pattern of its own.
 */

/** A fresh stage of a pattern, as a pattern block dropped on the canvas makes it. */
export function newStage(pattern: PatternName, modules: PatternModules = PATTERN_MODULES): Stage {
  return patternModule(pattern, modules).edits.newStage() as Stage;
}

/** The slot an agent dropped on a block's body fills: the first empty one, else a new item. */
export function autoSlot(stage: Stage, modules: PatternModules = PATTERN_MODULES): AddSlot {
  return patternModule(stage.pattern, modules).edits.autoSlot(stage);
}

/** Drop an agent into a block's slot: fill it, or add the task/reviewer/phase/branch it stands for. */
export function addAgent(
  document: Orchestration,
  stageIndex: number,
  slot: AddSlot,
  agent: string,
  modules: PatternModules = PATTERN_MODULES,
): Orchestration {
  return updateStage(document, stageIndex, (stage) => {
    patternModule(stage.pattern, modules).edits.addAgent(stage, slot, agent);
    return undefined;
  });
}

/** Put an agent into the slot of an existing step (drop on a node, or the Inspector's agent field). */
export function setStepAgent(
  document: Orchestration,
  ref: StepRef,
  agent: string,
  modules: PatternModules = PATTERN_MODULES,
): Orchestration {
  return updateStage(document, ref.stageIndex, (stage) => {
    patternModule(stage.pattern, modules).edits.setStepAgent(stage, ref, agent);
    return undefined;
  });
}

/**
 * Delete a step. A list item (task, reviewer, phase, fan-out task, branch, sync point) goes away;
 * a single required slot (primary, fan-in, analyzer) is emptied so its block keeps its shape.
 */
export function removeStep(
  document: Orchestration,
  ref: StepRef,
  modules: PatternModules = PATTERN_MODULES,
): Orchestration {
  return updateStage(document, ref.stageIndex, (stage) => {
    patternModule(stage.pattern, modules).edits.removeStep(stage, ref);
    return undefined;
  });
}

/** Move a step within its list (tasks, reviewers, phases, fan-out tasks, branches, sync points). */
export function moveStep(
  document: Orchestration,
  ref: StepRef,
  to: number,
  modules: PatternModules = PATTERN_MODULES,
): Orchestration {
  return updateStage(document, ref.stageIndex, (stage) => {
    patternModule(stage.pattern, modules).edits.moveStep(stage, ref, to);
    return undefined;
  });
}

/** How many siblings a step can be reordered among (1 when it cannot move). */
export function siblingCount(stage: Stage, ref: StepRef, modules: PatternModules = PATTERN_MODULES): number {
  return patternModule(stage.pattern, modules).edits.siblingCount(stage, ref);
}
