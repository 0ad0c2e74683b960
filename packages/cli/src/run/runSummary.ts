import {
  type AgentCatalog,
  estimate,
  formatDuration,
  type Plan,
  parseDuration,
  type RunState,
} from '@baton/core';
import type { Style } from './terminalStyle.js';

/**
 * The closing lines of `baton run`: the outcome, how long it took against the estimate (when
 * every agent is simulated, so the estimate means something), step counts and where the
 * artifacts are.
 */
export function runSummary(
  state: RunState,
  plan: Plan,
  agents: AgentCatalog,
  speed: number,
  artifactsDir: string | null,
  style: Style,
): string[] {
  const took =
    state.startedAt && state.finishedAt
      ? Date.parse(state.finishedAt) - Date.parse(state.startedAt)
      : undefined;
  const expected = expectedMakespan(plan, agents, speed);
  const counts = new Map<string, number>();
  for (const step of plan.steps) {
    const status = state.steps[step.id]?.status ?? 'idle';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
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
    `${outcome}${time}${vs} — ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}: ${tally}`,
  ];
  if (state.status !== 'succeeded' && state.error) lines.push(`  ${state.error}`);
  if (artifactsDir) lines.push(`Artifacts: ${artifactsDir} (summary.md)`);
  return lines;
}

/** The compiler's makespan estimate from the agents' simulated durations; null if any agent is real. */
function expectedMakespan(plan: Plan, agents: AgentCatalog, speed: number): number | null {
  let real = false;
  const result = estimate(plan, (step) => {
    const runtime = step.agent ? agents[step.agent]?.runtime : undefined;
    if (runtime && runtime.kind !== 'simulated') real = true;
    const ms =
      runtime?.kind === 'simulated' && runtime.duration !== undefined
        ? parseDuration(runtime.duration)
        : 1000;
    return (ms ?? 1000) / speed;
  });
  return real ? null : result.makespanMs;
}
