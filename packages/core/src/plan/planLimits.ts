import type { ModelPath } from '../model/types.js';
import { YAML_LIMITS } from '../yaml/limits.js';
import type { ModelIssue } from '../yaml/schemaIssues.js';
import type { StepDraft } from './stepDraft.js';

/** The most a compiled plan may hold; a file from a user gets those of `YAML_LIMITS`. */
export interface PlanLimits {
  maxSteps: number;
  maxHandoffs: number;
}

/** What the plan holds so far, against its limits. */
export interface PlanSize {
  steps: number;
  handoffs: number;
  limits: PlanLimits;
}

/** A plan's size so far: nothing yet, against `limits` (default the file limits). */
export function emptyPlanSize(limits: Partial<PlanLimits> = {}): PlanSize {
  return {
    steps: 0,
    handoffs: 0,
    limits: {
      maxSteps: limits.maxSteps ?? YAML_LIMITS.maxSteps,
      maxHandoffs: limits.maxHandoffs ?? YAML_LIMITS.maxHandoffs,
    },
  };
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
  if (size.steps > size.limits.maxSteps) {
    issues.push({
      severity: 'error',
      message: `the plan has more than ${count(size.limits.maxSteps)} steps by this stage; split the orchestration into smaller ones`,
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
  if (size.handoffs > size.limits.maxHandoffs) return true; // already reported
  size.handoffs += more;
  if (size.handoffs <= size.limits.maxHandoffs) return false;
  issues.push({
    severity: 'error',
    message: `the plan hands on more than ${count(size.limits.maxHandoffs)} results by this stage (each step of a sequential chain receives every earlier result, each first step of a stage every result of the stages it needs); split long chains and wide stages`,
    path,
  });
  return true;
}
