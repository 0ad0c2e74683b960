import { attemptsLeft, validationFailed } from '../reviewRules.js';
import type { StageFlow } from '../stageFlow.js';
import { isFinished, type StepRun } from '../stepRun.js';
import { DEPENDENCIES_ONLY, type StageRules } from './stageRules.js';

/** A failed validation with attempts left: the phase's agent, then its validator, run again. */
export function rerunPhase(flow: StageFlow, validator: StepRun): void {
  const agentStep = validator.dependencies[0];
  if (!agentStep) return;
  agentStep.round++;
  for (const s of [agentStep, validator]) {
    if (isFinished(s.phase)) s.stage.unfinished++;
    s.phase = 'pending';
  }
  flow.evaluate([agentStep, validator]);
}

/** The phase agent a validator validates: its one dependency. */
const phaseOf = (v: StepRun) => (v.step.role === 'validator' ? v.dependencies[0] : undefined);

// Re-running a failed phase is decided with its verdict (reviewRules' `judge`), then done by the scheduler.
export const incrementalValidationRules: StageRules = {
  ...DEPENDENCIES_ONLY,
  revive(flow, stage) {
    for (const v of stage.steps) {
      const agentStep = phaseOf(v);
      if (agentStep && v.round === agentStep.round && validationFailed(v) && attemptsLeft(v)) {
        rerunPhase(flow, v);
      }
    }
  },
  // A validator that has not yet validated its phase's re-run.
  restore(stage) {
    for (const s of stage.steps) {
      const agentStep = phaseOf(s);
      if (agentStep && s.round < agentStep.round) s.phase = 'pending';
    }
  },
};
