import {
  type AgentCatalog,
  durationOf,
  estimate,
  formatDuration,
  type Plan,
  type RunState,
  runsSimulated,
  simulatedStandIn,
} from '@baton/core';
import type { Style } from './terminalStyle.js';

/** How the run was started, as the summary reports it. */
export interface RunSummaryOptions {
  speed: number;
  /** `--simulate`: every agent ran as its simulated stand-in. */
  simulate: boolean;
  artifactsDir: string | null;
}

/**
 * The closing lines of `baton run`: the outcome, how long it took against the estimate (when
 * every agent is simulated, so the estimate means something), step counts (how many ran
 * simulated, from the run's own events) and where the artifacts are.
 */
export function runSummary(
  state: RunState,
  plan: Plan,
  agents: AgentCatalog,
  { speed, simulate, artifactsDir }: RunSummaryOptions,
  style: Style,
): string[] {
  const took =
    state.startedAt && state.finishedAt
      ? Date.parse(state.finishedAt) - Date.parse(state.startedAt)
      : undefined;
  const expected = expectedMakespan(plan, agents, speed, simulate);
  const counts = new Map<string, number>();
  for (const step of plan.steps) {
    const status = state.steps[step.id]?.status ?? 'idle';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  const simulated = plan.steps.filter((step) => state.steps[step.id]?.simulated === true).length;
  const labelled = simulated ? ` (${simulated} simulated)` : '';
  const outcome =
    state.status === 'succeeded'
      ? style.green('Run succeeded')
      : state.status === 'cancelled'
        ? style.yellow('Run cancelled')
        : style.red('Run failed');
  const time = took === undefined ? '' : ` in ${formatDuration(took)}`;
  const vs = expected === null ? '' : style.dim(` (estimate ${formatDuration(expected)})`);
  const lines = [
    '',
    `${outcome}${time}${vs} — ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}: ${tally}${labelled}`,
  ];
  if (state.status !== 'succeeded' && state.error) lines.push(`  ${state.error}`);
  if (artifactsDir) lines.push(`Artifacts: ${artifactsDir} (summary.md)`);
  return lines;
}

/**
 * The compiler's makespan estimate by core's rule (`durationOf`, at the run's speed, of the
 * agents as the run calls them: their stand-ins in a dry run); null if any agent is real (or
 * unknown), as then the estimate is a guess, not what the run waits.
 */
function expectedMakespan(plan: Plan, agents: AgentCatalog, speed: number, simulate: boolean): number | null {
  const real = plan.steps.some(
    (step) =>
      step.agent &&
      !runsSimulated(Object.hasOwn(agents, step.agent) ? agents[step.agent] : undefined, { simulate }),
  );
  if (real) return null;
  const called: AgentCatalog = simulate
    ? Object.fromEntries(Object.entries(agents).map(([name, agent]) => [name, simulatedStandIn(agent)]))
    : agents;
  return estimate(plan, durationOf(called, { speed })).makespanMs;
}
