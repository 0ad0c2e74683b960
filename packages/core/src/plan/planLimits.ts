import type { ModelPath } from '../model/types.js';
import { YAML_LIMITS } from '../yaml/limits.js';
import type { ModelIssue } from '../yaml/schemaIssues.js';
import type { StepDraft } from './stageSteps.js';

/** What the plan holds so far, against `YAML_LIMITS.maxSteps` and `maxHandoffs`. */
export interface PlanSize {
  steps: number;
  handoffs: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Whether the plan, with `steps` added, passes the limits on steps and hand-offs (each adds an
 * error): past them the plan is refused, so its building stops.
 */
export function pastPlanLimits(
  size: PlanSize,
  steps: readonly StepDraft[],
  path: ModelPath,
  issues: ModelIssue[],
): boolean {
  size.steps += steps.length;
  if (size.steps > YAML_LIMITS.maxSteps) {
    issues.push({
      severity: 'error',
      message: `the plan has more than ${count(YAML_LIMITS.maxSteps)} steps by this stage; split the orchestration into smaller ones`,
      path,
    });
    return true;
  }
  let handoffs = 0;
  for (const step of steps) handoffs += step.inputs.length;
  return pastHandoffLimit(size, handoffs, path, issues);
}

export function pastHandoffLimit(
  size: PlanSize,
  more: number,
  path: ModelPath,
  issues: ModelIssue[],
): boolean {
  if (size.handoffs > YAML_LIMITS.maxHandoffs) return true; // already reported
  size.handoffs += more;
  if (size.handoffs <= YAML_LIMITS.maxHandoffs) return false;
  issues.push({
    severity: 'error',
    message: `the plan hands on more than ${count(YAML_LIMITS.maxHandoffs)} results by this stage (each step of a sequential chain receives every earlier result, each first step of a stage every result of the stages it needs); split long chains and wide stages`,
    path,
  });
  return true;
}
