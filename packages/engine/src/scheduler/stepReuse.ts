import { type AgentCatalog, type Plan, reduceRun, stepFingerprints } from '@baton/core';
import type { RunReuse, StepResult } from '../contract.js';
import type { StepRun } from './stepRun.js';

/** An earlier run's result of a step, to be recorded again in place of running it. */
export interface EarlierResult {
  result: StepResult;
  durationMs: number;
  summary: string;
  /** The agent that produced it (the fallback, when it stood in). */
  agent?: string;
}

function record(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

/** A recorded result as the engine writes it, or undefined for anything else. */
function succeededResult(value: unknown): StepResult | undefined {
  const r = record(value);
  if (r.status !== 'succeeded' || typeof r.output !== 'string') return undefined;
  const result: StepResult = { status: 'succeeded', output: r.output };
  if (typeof r.condition === 'string') result.condition = r.condition;
  if (r.verdict === 'approve' || r.verdict === 'changes_requested') result.verdict = r.verdict;
  if (Array.isArray(r.findings)) result.findings = r.findings.filter((f) => typeof f === 'string');
  return result;
}

/**
 * A retry's reuse of an earlier run (LIVE-VIEW "Retry reuse"): which steps need not run again.
 *
 * A step's earlier result is reused when the step
 * - has the same id in both plans and the same fingerprint (core's `stepFingerprints`: agent and
 *   its settings, task, checklist, role, handoff, timeout/retries/fallback, its inputs' ids);
 * - ended `succeeded` (or `reused`) in the earlier run, with its result recorded;
 * - is about to run for the first time in this run (never a revision or a validation re-run);
 * - and every step it depends on or receives a result from was itself reused in this run, or
 *   gave no result in either run (a branch not taken): a step downstream of anything that runs
 *   again runs again.
 *
 * The first three are known before the run; the last is asked when the step becomes ready.
 */
export class StepReuse {
  /** Steps whose earlier result may stand, until they are reused or run. */
  private readonly candidates = new Map<string, EarlierResult>();
  /** Steps that ended with a result in the earlier run (fingerprint or not). */
  private readonly succeededBefore = new Set<string>();

  constructor(reuse: RunReuse, plan: Plan, catalog: AgentCatalog) {
    const state = reduceRun(reuse.events);
    const results = new Map<string, { result: StepResult; durationMs: number; summary?: string }>();
    for (const event of reuse.events) {
      if (event.type !== 'step.succeeded' || !event.stepId) continue;
      const data = record(event.data);
      const result = succeededResult(data.result);
      if (!result) {
        results.delete(event.stepId);
        continue;
      }
      const entry: { result: StepResult; durationMs: number; summary?: string } = {
        result,
        durationMs: typeof data.durationMs === 'number' ? data.durationMs : 0,
      };
      if (typeof data.summary === 'string') entry.summary = data.summary;
      results.set(event.stepId, entry);
    }
    const now = stepFingerprints(plan, catalog);
    for (const step of plan.steps) {
      const id = step.id;
      const before = Object.hasOwn(state.steps, id) ? state.steps[id] : undefined;
      if (before?.status !== 'succeeded' && before?.status !== 'reused') continue;
      this.succeededBefore.add(id);
      const recorded = results.get(id);
      if (!recorded) continue;
      const fingerprint = Object.hasOwn(reuse.fingerprints, id) ? reuse.fingerprints[id] : undefined;
      if (fingerprint === undefined || fingerprint !== now[id]) continue;
      const earlier: EarlierResult = {
        result: recorded.result,
        durationMs: recorded.durationMs,
        summary: recorded.summary ?? '',
      };
      if (typeof before.agent === 'string') earlier.agent = before.agent;
      this.candidates.set(id, earlier);
    }
  }

  /** How many steps may be reused, at most (before the run says which of them are). */
  get size(): number {
    return this.candidates.size;
  }

  /**
   * The earlier result of a step about to become ready, when it may stand (see the class);
   * taken once: a step that runs again later (a revision, a re-run phase) runs.
   */
  take(s: StepRun, steps: ReadonlyMap<string, StepRun>): EarlierResult | undefined {
    const id = s.step.id;
    const earlier = this.candidates.get(id);
    if (!earlier) return undefined;
    this.candidates.delete(id);
    if (s.attempt > 0 || !this.firstRound(s)) return undefined;
    for (const other of [...s.step.dependsOn, ...s.step.inputs]) {
      const earlierStep = steps.get(other);
      if (!earlierStep) return undefined;
      const sameAsBefore =
        earlierStep.reused === true ||
        (earlierStep.phase !== 'succeeded' && !this.succeededBefore.has(other));
      if (!sameAsBefore) return undefined;
    }
    return earlier;
  }

  /** The step runs: its earlier result no longer stands. */
  forget(id: string): void {
    this.candidates.delete(id);
  }

  /** Not a revision, a later review round or a re-run phase. */
  private firstRound(s: StepRun): boolean {
    const { step, stage } = s;
    if (step.role === 'primary' || step.role === 'reviewer') return stage.reviewRound === 1;
    if (step.role === 'validator') return (s.dependencies[0]?.round ?? 1) === 1;
    return s.round === 1;
  }
}
