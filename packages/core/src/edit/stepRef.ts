import type { StepRef } from '../patterns/slots.js';
import type { Plan, PlanStep } from '../plan/types.js';

export function refOfStep(plan: Plan, step: PlanStep): StepRef | null {
  const stage = plan.stages.find((s) => s.id === step.stageId);
  return stage ? { stageIndex: stage.index, role: step.role, index: step.index } : null;
}

export function refOfStepId(plan: Plan, stepId: string): StepRef | null {
  const step = plan.steps.find((s) => s.id === stepId);
  return step ? refOfStep(plan, step) : null;
}
