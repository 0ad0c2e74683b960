import { runsSimulated, type SimulateOptions } from '../agents/agentRuntimeKind.js';
import type { AgentCatalog, AgentInfo } from '../agents/builtinAgents.js';
import { parseDuration } from '../model/duration.js';
import type { PlanStep } from './types.js';

/**
 * The one estimate rule (docs/design.md §2.3, §3.3): what a step is expected to take, used by the
 * editor's estimate, `/api/validate`, the CLI's summary and the run timeline alike.
 */

/**
 * What a simulated agent without `duration` waits. The simulated runtime imports it: the
 * estimate and the run agree.
 */
export const DEFAULT_SIMULATED_DURATION_MS = 1000;

/**
 * The guess for an agent that is not simulated (a command, an HTTP endpoint, an LLM), or one
 * the catalog does not know: nothing says how long it takes, and its timeout (30 minutes by
 * default) is an upper bound, not an expectation. A minute is of the order of one coding
 * agent's turn.
 */
export const REAL_AGENT_DURATION_GUESS_MS = 60_000;

export interface DurationOptions extends SimulateOptions {
  /** A run's speed: divides every simulated duration (docs/design.md §3.3), not a real agent's. Default 1. */
  speed?: number;
}

/**
 * Expected duration of one call of `agent`: a simulated agent's `duration` (the mean of its
 * jitter; 1 s when it has none, as the runtime waits), divided by the run's speed; for any
 * other agent, or an unknown one, `REAL_AGENT_DURATION_GUESS_MS`.
 */
export function expectedDurationMs(agent: AgentInfo | undefined, options: DurationOptions = {}): number {
  if (!agent || !runsSimulated(agent, options)) return REAL_AGENT_DURATION_GUESS_MS;
  const runtime = agent.runtime?.kind === 'simulated' ? agent.runtime : undefined;
  const base =
    parseDuration(runtime?.duration ?? DEFAULT_SIMULATED_DURATION_MS) ?? DEFAULT_SIMULATED_DURATION_MS;
  const speed = options.speed !== undefined && options.speed > 0 ? options.speed : 1;
  return base / speed;
}

/** The estimate's input (`estimate(plan, durationOf(catalog))`): 0 for a step without an agent. */
export function durationOf(catalog: AgentCatalog, options: DurationOptions = {}): (step: PlanStep) => number {
  return (step) => {
    if (!step.agent) return 0;
    // Own agents only: `constructor` is no agent a catalog inherits.
    const agent = Object.hasOwn(catalog, step.agent) ? catalog[step.agent] : undefined;
    return expectedDurationMs(agent, options);
  };
}
