import type { Plan, PlanStep, StepRole } from '@baton/core';

/** Where a plan step lives in the model: its stage, its role there and its index among that role. */
export interface StepRef {
  stageIndex: number;
  role: StepRole;
  index: number;
}

export function refOfStep(plan: Plan, step: PlanStep): StepRef | null {
  const stage = plan.stages.find((s) => s.id === step.stageId);
  return stage ? { stageIndex: stage.index, role: step.role, index: step.index } : null;
}

export function refOfStepId(plan: Plan, stepId: string): StepRef | null {
  const step = plan.steps.find((s) => s.id === stepId);
  return step ? refOfStep(plan, step) : null;
}
