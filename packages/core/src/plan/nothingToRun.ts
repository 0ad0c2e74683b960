import type { Plan } from './types.js';

/**
 * Why a plan has nothing to run, or `null` when some step calls an agent. A run of such a plan
 * would "succeed" at once having done nothing (sync points without agents are only barriers),
 * so a run of it is refused, saying what to add.
 */
export function nothingToRun(plan: Plan): string | null {
  if (plan.steps.some((step) => step.agent !== null)) return null;
  const what = plan.steps.length
    ? `its ${plan.steps.length} step${plan.steps.length === 1 ? ' is a sync point' : 's are sync points'} without an agent`
    : 'it has no steps';
  return `nothing to run: no step calls an agent (${what}); add tasks, or give a sync point an agent, then run it`;
}
