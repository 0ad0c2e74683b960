import { type Plan, predecessors, type RunEvent } from '@baton/core';

export interface PlanMetrics {
  steps: number;
  /** Steps that ran (the others are branches not taken). */
  executed: number;
  makespanMs: number;
  criticalPathMs: number;
  totalWorkMs: number;
  /** max(critical path, total work / run-wide limit, each stage's work / its limit). */
  lowerBoundMs: number;
  levels: number;
  /** The same steps, with the same durations, run level by level (Pregel/LangGraph supersteps). */
  superstepMs: number;
  /** Time steps sat ready while their stage and the run both had a free slot. */
  waitWithFreeSlotMs: number;
}

const ENDS = new Set(['step.succeeded', 'step.failed', 'step.cancelled']);

/** Measure one finished run (in virtual time) against its plan. */
export function measure(plan: Plan, events: readonly RunEvent[]): PlanMetrics {
  const at = (e: RunEvent) => Date.parse(e.ts);
  const started = new Map<string, number>();
  const duration = new Map<string, number>(plan.steps.map((s) => [s.id, 0]));
  for (const e of events) {
    if (!e.stepId) continue;
    if (e.type === 'step.started') started.set(e.stepId, at(e));
    if (ENDS.has(e.type)) duration.set(e.stepId, at(e) - (started.get(e.stepId) ?? at(e)));
  }
  const runStart = at(events.find((e) => e.type === 'run.started') as RunEvent);
  const runEnd = at(events.at(-1) as RunEvent);

  const preds = predecessors(plan);
  const finish = new Map<string, number>();
  const level = new Map<string, number>();
  for (const step of plan.steps) {
    const ps = preds.get(step.id) ?? [];
    finish.set(step.id, Math.max(0, ...ps.map((p) => finish.get(p) ?? 0)) + (duration.get(step.id) ?? 0));
    level.set(step.id, ps.length ? 1 + Math.max(...ps.map((p) => level.get(p) ?? 0)) : 0);
  }
  const criticalPathMs = Math.max(0, ...finish.values());
  let totalWorkMs = 0;
  for (const d of duration.values()) totalWorkMs += d;
  const bounds = [criticalPathMs];
  if (plan.maxConcurrent) bounds.push(totalWorkMs / plan.maxConcurrent);
  for (const stage of plan.stages) {
    if (!stage.maxConcurrent) continue;
    const work = stage.steps.reduce((sum, id) => sum + (duration.get(id) ?? 0), 0);
    bounds.push(work / stage.maxConcurrent);
  }

  const byLevel = new Map<number, string[]>();
  for (const step of plan.steps) {
    const l = level.get(step.id) ?? 0;
    byLevel.set(l, [...(byLevel.get(l) ?? []), step.id]);
  }
  let superstepMs = 0;
  for (const ids of byLevel.values()) superstepMs += listSchedule(plan, ids, duration);

  return {
    steps: plan.steps.length,
    executed: started.size,
    makespanMs: runEnd - runStart,
    criticalPathMs,
    totalWorkMs,
    lowerBoundMs: Math.max(...bounds),
    levels: byLevel.size,
    superstepMs,
    waitWithFreeSlotMs: idleWhileReady(plan, events),
  };
}

/** Makespan of independent steps started greedily in order under the stage and run-wide limits. */
function listSchedule(plan: Plan, ids: string[], duration: Map<string, number>): number {
  const stageOf = new Map(plan.steps.map((s) => [s.id, s.stageId]));
  const limitOf = new Map(plan.stages.map((s) => [s.id, s.maxConcurrent ?? Number.POSITIVE_INFINITY]));
  const global = plan.maxConcurrent ?? Number.POSITIVE_INFINITY;
  const queue = [...ids];
  let running: { id: string; end: number }[] = [];
  let now = 0;
  let end = 0;
  while (queue.length || running.length) {
    for (let i = 0; i < queue.length && running.length < global; ) {
      const id = queue[i] as string;
      const stage = stageOf.get(id) as string;
      const inStage = running.filter((r) => stageOf.get(r.id) === stage).length;
      if (inStage < (limitOf.get(stage) ?? 0)) {
        running.push({ id, end: now + (duration.get(id) ?? 0) });
        queue.splice(i, 1);
      } else i++;
    }
    now = Math.min(...running.map((r) => r.end));
    end = Math.max(end, now);
    running = running.filter((r) => r.end > now);
  }
  return end;
}

/** Σ over ready steps of the time they waited while their stage and the run had a free slot. */
function idleWhileReady(plan: Plan, events: readonly RunEvent[]): number {
  const stageOf = new Map(plan.steps.map((s) => [s.id, s.stageId]));
  const limitOf = new Map(plan.stages.map((s) => [s.id, s.maxConcurrent ?? Number.POSITIVE_INFINITY]));
  const global = plan.maxConcurrent ?? Number.POSITIVE_INFINITY;
  // Sets, not counters: a pure barrier ends without having started (it holds no slot).
  const running = new Map<string, Set<string>>();
  const runningAll = new Set<string>();
  const ready = new Set<string>();
  let waste = 0;
  let prev = Date.parse((events[0] as RunEvent).ts);
  for (const e of events) {
    const t = Date.parse(e.ts);
    if (t > prev) {
      for (const id of ready) {
        const stage = stageOf.get(id) as string;
        const inStage = running.get(stage)?.size ?? 0;
        if (inStage < (limitOf.get(stage) ?? 0) && runningAll.size < global) waste += t - prev;
      }
      prev = t;
    }
    if (!e.stepId) continue;
    const stage = stageOf.get(e.stepId) as string;
    const inStage = running.get(stage) ?? new Set<string>();
    running.set(stage, inStage);
    if (e.type === 'step.queued') ready.add(e.stepId);
    if (e.type === 'step.started') {
      ready.delete(e.stepId);
      inStage.add(e.stepId);
      runningAll.add(e.stepId);
    }
    if (ENDS.has(e.type)) {
      inStage.delete(e.stepId);
      runningAll.delete(e.stepId);
    }
  }
  return waste;
}
