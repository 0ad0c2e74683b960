import { DEFAULT_SIMULATED_DURATION_MS, parseDuration, type SimulatedRuntime } from '@baton/core';
import type { Clock, StepInvocation, StepResult } from '../contract.js';
import { seededRandom } from '../random/seededRandom.js';
import type { AgentRuntime } from './agentRuntime.js';

/** One entry of a per-call list: the n-th (0-based), the last repeating. */
function nth<T>(value: T | T[] | undefined, n: number): T | undefined {
  if (!Array.isArray(value)) return value;
  return value[Math.min(Math.max(0, n), value.length - 1)];
}

/**
 * The simulated agent (docs/design.md §3.3): waits its duration on the engine's clock (jittered,
 * divided by the run's speed), then succeeds or fails by its rate. Jitter and failure are
 * drawn from the agent's seed, the run's seed, the step and the attempt, so a replay of the
 * same file and seed is the same run.
 */
export function createSimulatedRuntime(clock: Clock): AgentRuntime {
  return {
    // `context.signal` is read only when there is a wait: a zero-duration step needs none.
    async run(invocation, context) {
      const settings: SimulatedRuntime =
        invocation.definition.runtime?.kind === 'simulated'
          ? invocation.definition.runtime
          : { kind: 'simulated' };
      const draw = seededRandom(
        `${settings.seed ?? 0}:${invocation.seed ?? 0}:${invocation.stepId}:${invocation.attempt}`,
      );
      // The estimate's rule too (core's `expectedDurationMs`): the same default, the jitter's mean.
      const base =
        parseDuration(settings.duration ?? DEFAULT_SIMULATED_DURATION_MS) ?? DEFAULT_SIMULATED_DURATION_MS;
      const jitter = settings.jitter ?? 0;
      const speed = invocation.speed > 0 ? invocation.speed : 1;
      const ms = Math.round((base * (1 + jitter * (2 * draw() - 1))) / speed);
      if (ms > 0) await clock.sleep(ms, context.signal);
      const failRate = settings.fail_rate ?? 0;
      if (failRate > 0 && draw() < failRate) {
        context.log('info', `simulated failure (fail_rate ${failRate})`);
        return { status: 'failed', output: '', error: `simulated failure (fail_rate ${failRate})` };
      }
      return simulatedResult(invocation, settings);
    },
  };
}

function simulatedResult(invocation: StepInvocation, settings: SimulatedRuntime): StepResult {
  const result: StepResult = {
    status: 'succeeded',
    output: settings.output ?? defaultOutput(invocation),
  };
  const condition = nth(settings.condition, invocation.attempt - 1);
  if (condition !== undefined) result.condition = condition;
  const verdict = nth(settings.verdict, invocation.round - 1);
  if (verdict !== undefined) result.verdict = verdict;
  if (settings.findings) result.findings = [...settings.findings];
  else if (verdict === 'changes_requested') {
    result.findings = [`${invocation.agent} requests changes (simulated, round ${invocation.round})`];
  }
  return result;
}

function defaultOutput(invocation: StepInvocation): string {
  const what = invocation.task || invocation.stepId;
  const lines = [`${invocation.agent} (simulated) completed: ${what}`];
  for (const item of invocation.checklist) lines.push(`- [x] ${item}`);
  const inputs = Object.keys(invocation.inputs);
  if (inputs.length) lines.push(`Given the results of: ${brief(inputs)}`);
  const artifacts = Object.keys(invocation.artifacts);
  if (artifacts.length) lines.push(`Given the artifacts: ${brief(artifacts)}`);
  if (invocation.feedback?.length) lines.push(`Addressed: ${invocation.feedback.join('; ')}`);
  return lines.join('\n');
}

/** A list, shortened: a fan-in over 10,000 steps must not write 10,000 names into its output. */
function brief(names: string[]): string {
  return names.length <= 8
    ? names.join(', ')
    : `${names.slice(0, 8).join(', ')} and ${names.length - 8} more`;
}
