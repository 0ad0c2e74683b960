/**
 * The orchestrations the live-run measures run. Both open with a gate: one simulated step that
 * only waits, long enough for the page to open and show the run live, so every event after it
 * reaches a page that is already live (nothing of the measured part is replayed on open).
 */
import { parse, stringify } from 'yaml';

export const GATE_STAGE = 'gate';
/** The gate's wait, in real time (the run's speed divides every simulated duration). */
const GATE_MS = 10_000;

const gateAgent = (speed: number) => ({
  runtime: { kind: 'simulated', duration: `${Math.round(GATE_MS * speed)}ms` },
});
const gateStage = {
  id: GATE_STAGE,
  name: 'Gate',
  needs: [],
  pattern: 'parallel_independent',
  tasks: [{ agent: 'bench-gate', task: 'Wait until the page is live' }],
};

export const STEADY_CHAINS = 20;
export const STEADY_CHAIN_LENGTH = 50;
/** Mean step duration: each step makes 4 events (queued, started, succeeded, artifact.created). */
export const STEADY_STEP_MS = 120;

/**
 * A steady ~500 events/s for ~8 s: after the gate, 20 sequential chains of 50 steps run side by
 * side, each step 120 ms ± 50 % (seeded), so the chains drift apart and events come evenly
 * (20 chains × 4 events / 0.12 s ≈ 670/s nominal; with the browser drawing it on the same 2 cores, the server's timers run late and ~500/s is what comes) rather than in the bursts of the 1,000-step example,
 * whose parallel stages queue 50 steps at once.
 */
export function steadyYaml(): string {
  const chains = Array.from({ length: STEADY_CHAINS }, (_, c) => {
    const id = `c${String(c + 1).padStart(2, '0')}`;
    return {
      id,
      name: `Chain ${c + 1}`,
      needs: [GATE_STAGE],
      pattern: 'sequential_handoff',
      parallel_execution: false,
      tasks: Array.from({ length: STEADY_CHAIN_LENGTH }, (_, i) => ({
        agent: 'worker',
        task: `${id} step ${i}`,
      })),
    };
  });
  return stringify({
    version: 1,
    name: 'Bench: steady events (20 chains of 50 steps)',
    description: 'Written by bench/web/workloads.ts for the event to data-status latency',
    agents: {
      'bench-gate': gateAgent(1),
      worker: { runtime: { kind: 'simulated', duration: `${STEADY_STEP_MS}ms`, jitter: 0.5, seed: 3 } },
    },
    stages: [gateStage, ...chains],
  });
}

/** The 1,000-step example with the gate before the stages that need nothing (for `speed`). */
export function gatedYaml(exampleYaml: string, speed: number): string {
  const doc = parse(exampleYaml) as {
    agents: Record<string, unknown>;
    stages: { needs?: string[] }[];
  };
  doc.agents['bench-gate'] = gateAgent(speed);
  for (const stage of doc.stages) if (!stage.needs?.length) stage.needs = [GATE_STAGE];
  doc.stages.unshift(gateStage);
  return stringify(doc);
}
