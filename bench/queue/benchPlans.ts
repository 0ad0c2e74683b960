/** The plans of the queue benchmark, compiled under a user's file's plan limits (at most 5,000 steps). */
import { BUILTIN_AGENTS, compile, type Orchestration, type Plan } from '@baton/core';

/** One simulated agent of a fixed duration: no jitter, no failures. */
const agents = (stepMs: number): Orchestration['agents'] => ({
  short: { runtime: { kind: 'simulated', duration: stepMs, jitter: 0, fail_rate: 0 } },
});

function compiled(document: Orchestration): Plan {
  const { plan, issues } = compile(document, { agents: BUILTIN_AGENTS });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) throw new Error(`${document.name}: ${errors.map((e) => e.message).join('; ')}`);
  return plan;
}

export interface Bench {
  name: string;
  document: Orchestration;
  plan: Plan;
}

/** A fan_out_fan_in stage: `tasks` fan-out steps (at most `slots` at once) and the fan-in. */
export function fanOut(tasks: number, stepMs: number, slots?: number): Bench {
  const document: Orchestration = {
    version: 1,
    name: `fan-out ${tasks}${slots ? ` (${slots} at once)` : ''}`,
    agents: agents(stepMs),
    stages: [
      {
        id: 'fan',
        pattern: 'fan_out_fan_in',
        fan_out: {
          agent: 'short',
          tasks: Array.from({ length: tasks }, (_, i) => `item ${i}`),
          ...(slots ? { max_concurrent: slots } : {}),
        },
        fan_in: { agent: 'short' },
      },
    ],
  };
  return { name: document.name as string, document, plan: compiled(document) };
}

/**
 * A chain of `steps` one-step stages, each needing the one before: every step waits for the
 * previous one and is handed its result alone, so the job stays the same size along the chain
 * (a sequential_handoff would hand each step every earlier result).
 */
export function chain(steps: number, stepMs: number): Bench {
  const document: Orchestration = {
    version: 1,
    name: `chain ${steps}`,
    agents: agents(stepMs),
    stages: Array.from({ length: steps }, (_, i) => ({
      id: `link-${i}`,
      pattern: 'parallel_independent' as const,
      ...(i ? { needs: [`link-${i - 1}`] } : {}),
      tasks: [{ agent: 'short', task: `link ${i}` }],
    })),
  };
  return { name: document.name as string, document, plan: compiled(document) };
}
