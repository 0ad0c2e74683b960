import type { Plan, PlanStep } from './types.js';

export interface Estimate {
  /** Expected wall time of the whole run under the plan's concurrency limits. */
  makespanMs: number;
  /** The longest chain of dependent steps (ignoring concurrency limits). */
  criticalPath: string[];
  criticalPathMs: number;
  /** Sum of every step's expected duration: what one worker alone would take. */
  totalWorkMs: number;
  /** Expected start and end of each step in the estimated schedule. */
  schedule: Record<string, { startMs: number; endMs: number }>;
}

/**
 * Expected durations per step, with one branch per conditional stage: only one branch runs,
 * so the estimate counts the longest (the worst case) and the others as instant skips.
 */
function effectiveDurations(plan: Plan, durationOf: (step: PlanStep) => number): Map<string, number> {
  const out = new Map<string, number>();
  const longestBranch = new Map<string, string>();
  for (const step of plan.steps) {
    const ms = step.agent ? Math.max(0, durationOf(step)) : 0;
    out.set(step.id, ms);
    if (step.role === 'branch') {
      const best = longestBranch.get(step.stageId);
      if (best === undefined || (out.get(best) ?? 0) < ms) longestBranch.set(step.stageId, step.id);
    }
  }
  for (const step of plan.steps) {
    if (step.role === 'branch' && longestBranch.get(step.stageId) !== step.id) out.set(step.id, 0);
  }
  return out;
}

/** Every step's predecessors: its own dependencies, and for a stage's entry, every step of the stages it needs. */
export function predecessors(plan: Plan): Map<string, string[]> {
  const stageById = new Map(plan.stages.map((s) => [s.id, s]));
  const out = new Map<string, string[]>();
  for (const step of plan.steps) {
    const stage = stageById.get(step.stageId);
    const fromNeeds =
      step.dependsOn.length === 0 && stage
        ? stage.needs.flatMap((need) => stageById.get(need)?.exitSteps ?? [])
        : [];
    out.set(step.id, [...step.dependsOn, ...fromNeeds]);
  }
  return out;
}

/** Critical path and makespan of a plan, given each step's expected duration (docs/design.md §2.3). */
export function estimate(plan: Plan, durationOf: (step: PlanStep) => number): Estimate {
  const duration = effectiveDurations(plan, durationOf);
  const preds = predecessors(plan);

  // Longest path, in plan order (each step comes after its predecessors).
  const finish = new Map<string, number>();
  const via = new Map<string, string | null>();
  for (const step of plan.steps) {
    let start = 0;
    let from: string | null = null;
    for (const p of preds.get(step.id) ?? []) {
      const f = finish.get(p) ?? 0;
      if (from === null || f > start) {
        start = f;
        from = p;
      }
    }
    finish.set(step.id, start + (duration.get(step.id) ?? 0));
    via.set(step.id, from);
  }
  let last: string | null = null;
  for (const [id, f] of finish) if (last === null || f > (finish.get(last) ?? 0)) last = id;
  const criticalPath: string[] = [];
  // A plan with a needs cycle (reported by compile) must not loop here.
  const seen = new Set<string>();
  for (let at = last; at && !seen.has(at); at = via.get(at) ?? null) {
    seen.add(at);
    criticalPath.unshift(at);
  }

  const schedule = listSchedule(plan, duration, preds);
  const makespanMs = Math.max(0, ...Object.values(schedule).map((s) => s.endMs));
  let totalWorkMs = 0;
  for (const ms of duration.values()) totalWorkMs += ms;
  return {
    makespanMs,
    criticalPath,
    criticalPathMs: last ? (finish.get(last) ?? 0) : 0,
    totalWorkMs,
    schedule,
  };
}

/** Greedy list scheduling in plan order under the stage and run-wide limits, as the engine runs. */
function listSchedule(
  plan: Plan,
  duration: Map<string, number>,
  preds: Map<string, string[]>,
): Record<string, { startMs: number; endMs: number }> {
  const stageLimit = new Map(plan.stages.map((s) => [s.id, s.maxConcurrent ?? Number.POSITIVE_INFINITY]));
  const runningInStage = new Map<string, number>();
  const globalLimit = plan.maxConcurrent ?? Number.POSITIVE_INFINITY;
  const waiting = new Map<string, number>(plan.steps.map((s) => [s.id, (preds.get(s.id) ?? []).length]));
  const dependents = new Map<string, string[]>();
  for (const [id, ps] of preds) {
    for (const p of ps) {
      const list = dependents.get(p);
      if (list) list.push(id);
      else dependents.set(p, [id]);
    }
  }
  const order = new Map(plan.steps.map((s, i) => [s.id, i]));
  const stepById = new Map(plan.steps.map((s) => [s.id, s]));

  let ready = plan.steps.filter((s) => waiting.get(s.id) === 0).map((s) => s.id);
  const running: { id: string; endMs: number }[] = [];
  const schedule: Record<string, { startMs: number; endMs: number }> = {};
  let now = 0;
  while (ready.length || running.length) {
    ready.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const still: string[] = [];
    for (const id of ready) {
      const stageId = stepById.get(id)?.stageId as string;
      const inStage = runningInStage.get(stageId) ?? 0;
      if (running.length < globalLimit && inStage < (stageLimit.get(stageId) ?? 0)) {
        const endMs = now + (duration.get(id) ?? 0);
        running.push({ id, endMs });
        runningInStage.set(stageId, inStage + 1);
        schedule[id] = { startMs: now, endMs };
      } else still.push(id);
    }
    ready = still;
    if (!running.length) break;
    running.sort((a, b) => a.endMs - b.endMs);
    now = (running[0] as { endMs: number }).endMs;
    while (running.length && (running[0] as { endMs: number }).endMs <= now) {
      const done = running.shift() as { id: string };
      const stageId = stepById.get(done.id)?.stageId as string;
      runningInStage.set(stageId, (runningInStage.get(stageId) ?? 1) - 1);
      for (const next of dependents.get(done.id) ?? []) {
        const left = (waiting.get(next) ?? 1) - 1;
        waiting.set(next, left);
        if (left === 0) ready.push(next);
      }
    }
  }
  return schedule;
}
