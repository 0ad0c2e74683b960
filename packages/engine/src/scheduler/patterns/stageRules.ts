import type { StepResult } from '../../contract.js';
import type { StageFlow } from '../stageFlow.js';
import type { StageRun, StepRun } from '../stepRun.js';

/**
 * What the scheduler does for one pattern beyond the plan's dependencies (docs/design.md §2.2):
 * the hooks it calls as a stage's steps end, when a stage resumes and when its state is restored
 * from the log. Verdicts themselves (reviewer, validator) are judged by role, in reviewRules.ts.
 */
export interface StageRules {
  /** A step of the stage succeeded, before its dependents are released. */
  succeeded(flow: StageFlow, s: StepRun, result: StepResult): void;
  /** A step of the stage ended and its dependents were released or skipped. */
  ended(flow: StageFlow, s: StepRun): void;
  /** A resumed stage: redo what a crash may have cut short of this pattern's rules. */
  revive(flow: StageFlow, stage: StageRun): void;
  /** A stage restored from the log: its rounds, and steps that have yet to run again in them. */
  restore(stage: StageRun): void;
}

const nothing = () => {};

/** A pattern whose stages need nothing but their steps' dependencies. */
export const DEPENDENCIES_ONLY: StageRules = {
  succeeded: nothing,
  ended: nothing,
  revive: nothing,
  restore: nothing,
};
