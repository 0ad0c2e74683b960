import { type AgentCatalog, type PlanStep, parseDuration } from '@baton/core';

/** What an agent is expected to take when its runtime does not say (a real agent's guess). */
export const UNKNOWN_DURATION_MS = 60_000;

/** Expected duration of a step, from its agent's simulated runtime; the estimate's input. */
export function durationOf(catalog: AgentCatalog): (step: PlanStep) => number {
  return (step) => {
    if (!step.agent) return 0;
    const runtime = catalog[step.agent]?.runtime;
    if (runtime?.kind === 'simulated' && runtime.duration !== undefined) {
      return parseDuration(runtime.duration) ?? UNKNOWN_DURATION_MS;
    }
    return UNKNOWN_DURATION_MS;
  };
}
