import { type AgentDefinition, type Orchestration, PATTERNS, type Stage } from '@baton/core';

/** A small seeded random source: the benchmark's plans are the same on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random orchestration: 2–6 stages of the seven patterns, random `needs` (none, the default
 * previous stage, or a random set of earlier stages), random stage limits, a run-wide limit in
 * half the plans, and simulated agents of random durations (100 ms – 5 s, some jitter, no
 * failures: every step runs once, so the schedule alone is measured).
 */
export function randomOrchestration(seed: number): Orchestration {
  const r = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
  const agents: Record<string, AgentDefinition> = {};
  const names: string[] = [];
  for (let i = 0; i < 6; i++) {
    const name = `agent-${i}`;
    names.push(name);
    agents[name] = {
      runtime: {
        kind: 'simulated',
        duration: int(100, 5000),
        jitter: Math.round(r() * 30) / 100,
        seed: int(0, 1000),
        verdict: 'approve',
        condition: `c${int(0, 2)}`,
      },
    };
  }
  const agent = () => pick(names);
  const limit = () => (r() < 0.5 ? { max_concurrent: int(1, 4) } : {});
  const stageCount = int(2, 6);
  const stages: Stage[] = [];
  for (let i = 0; i < stageCount; i++) {
    const id = `s${i}`;
    const needsRoll = r();
    const earlier = stages.map((s) => s.id as string);
    const needs =
      i === 0 || needsRoll < 0.4
        ? {} // default: the previous stage
        : needsRoll < 0.6
          ? { needs: [] as string[] }
          : { needs: earlier.filter(() => r() < 0.5) };
    const pattern = pick(PATTERNS);
    const tasks = (n: number) =>
      Array.from({ length: n }, (_, k) => ({ agent: agent(), task: `${id} task ${k}` }));
    switch (pattern) {
      case 'parallel_independent':
        stages.push({ id, pattern, ...needs, ...limit(), tasks: tasks(int(2, 12)) });
        break;
      case 'sequential_handoff':
        stages.push({ id, pattern, ...needs, parallel_execution: false, tasks: tasks(int(2, 6)) });
        break;
      case 'parallel_with_sync': {
        const points = Array.from({ length: int(1, 3) }, (_, k) =>
          r() < 0.5 ? `sync ${k}` : { name: `sync ${k}`, agent: agent() },
        );
        const names = points.map((p) => (typeof p === 'string' ? p : p.name));
        const syncTasks = tasks(int(2, 10)).map((t) => (r() < 0.3 ? t : { ...t, after: pick(names) }));
        stages.push({
          id,
          pattern,
          ...needs,
          ...limit(),
          parallel_execution: true,
          sync_points: points,
          tasks: syncTasks,
        });
        break;
      }
      case 'primary_with_reviewers':
        stages.push({
          id,
          pattern,
          ...needs,
          primary_agent: agent(),
          reviewer_agents: Array.from({ length: int(1, 3) }, agent),
          parallel_execution: r() < 0.7,
        });
        break;
      case 'incremental_validation':
        stages.push({
          id,
          pattern,
          ...needs,
          phases: Array.from({ length: int(2, 4) }, (_, k) => ({
            name: `phase ${k}`,
            agent: agent(),
            ...(r() < 0.8 ? { validator: agent() } : {}),
          })),
        });
        break;
      case 'fan_out_fan_in':
        stages.push({
          id,
          pattern,
          ...needs,
          fan_out: {
            agent: agent(),
            tasks: Array.from({ length: int(2, 16) }, (_, k) => `item ${k}`),
            ...(r() < 0.4 ? { max_concurrent: int(1, 4) } : {}),
          },
          fan_in: { agent: agent() },
        });
        break;
      case 'conditional_branching':
        stages.push({
          id,
          pattern,
          ...needs,
          conditional_logic: {
            analyzer: agent(),
            branches: [
              { condition: 'c0', agent: agent() },
              { condition: 'c1', agent: agent() },
              { condition: 'default', agent: agent() },
            ],
          },
        });
        break;
    }
  }
  return {
    version: 1,
    name: `random plan ${seed}`,
    ...(r() < 0.5 ? { defaults: { max_concurrent: int(2, 8) } } : {}),
    agents,
    stages,
  };
}
