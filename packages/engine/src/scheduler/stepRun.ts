import type { Plan, PlanStage, PlanStep } from '@baton/core';
import type { StepResult } from '../contract.js';
import type { StepControl } from './executeAttempts.js';
import { StepQueue } from './stepQueue.js';

/** Where a step is in this run (the scheduler's view; events carry the public statuses). */
export type StepPhase = 'pending' | 'ready' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type StagePhase = 'waiting' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface StepRun {
  step: PlanStep;
  stage: StageRun;
  phase: StepPhase;
  /** Attempts started so far, across retries, fallbacks, revisions and resumes. */
  attempt: number;
  /**
   * A resumed run: the attempt that was running when the run's process stopped, which a
   * queue dispatcher may still finish (collected rather than started again).
   */
  inFlight?: number;
  /** Review round or validation attempt it runs in (1-based). */
  round: number;
  /** Dependencies that have not let it through yet. */
  unmet: number;
  dependencies: StepRun[];
  dependents: StepRun[];
  result?: StepResult;
  durationMs?: number;
  /** The agent that ran last (the fallback when it stood in). */
  agent?: string;
  /** Findings to address when it runs again. */
  feedback?: string[];
  /** Cancels the step while it runs. */
  control?: StepControl;
  /** Its result is an earlier run's, reused (a retry), not this run's. */
  reused?: boolean;
}

export interface StageRun {
  stage: PlanStage;
  phase: StagePhase;
  steps: StepRun[];
  /** Steps not yet succeeded, failed, skipped or cancelled. */
  unfinished: number;
  /** Steps holding one of its slots. */
  running: number;
  limit: number;
  ready: StepQueue<StepRun>;
  /** A failure of the stage itself (no branch matched). */
  error?: string;
  /** Why it was skipped, when it was. */
  skipReason?: string;
  reviewRound: number;
  /** Conditional stages: the branch the analyzer chose; `null` none matched; undefined not yet. */
  selectedBranch?: string | null;
  needs: StageRun[];
  neededBy: StageRun[];
}

export function isFinished(phase: StepPhase): boolean {
  return phase === 'succeeded' || phase === 'failed' || phase === 'skipped' || phase === 'cancelled';
}

/**
 * Does this step let the steps that depend on it go? A validator that requested changes
 * succeeded as a step, but its phase did not pass: what comes after waits for the re-run.
 */
export function letsThrough(s: StepRun): boolean {
  return (
    s.phase === 'succeeded' && !(s.step.role === 'validator' && s.result?.verdict === 'changes_requested')
  );
}

/** The run's mutable graph: every stage and step of the plan, linked both ways. */
export function buildRunGraph(plan: Plan): { stages: StageRun[]; steps: Map<string, StepRun> } {
  const stages = plan.stages.map(
    (stage): StageRun => ({
      stage,
      phase: 'waiting',
      steps: [],
      unfinished: 0,
      running: 0,
      limit: stage.maxConcurrent ?? Number.POSITIVE_INFINITY,
      ready: new StepQueue(),
      reviewRound: 1,
      needs: [],
      neededBy: [],
    }),
  );
  const stageById = new Map(stages.map((s) => [s.stage.id, s]));
  for (const s of stages) {
    for (const need of s.stage.needs) {
      const needed = stageById.get(need);
      if (!needed) continue;
      s.needs.push(needed);
      needed.neededBy.push(s);
    }
  }
  const steps = new Map<string, StepRun>();
  const byStage = new Map<string, StepRun[]>();
  for (const step of plan.steps) {
    const stage = stageById.get(step.stageId);
    if (!stage) continue;
    const run: StepRun = {
      step,
      stage,
      phase: 'pending',
      attempt: 0,
      round: 1,
      unmet: 0,
      dependencies: [],
      dependents: [],
    };
    steps.set(step.id, run);
    const list = byStage.get(stage.stage.id);
    if (list) list.push(run);
    else byStage.set(stage.stage.id, [run]);
  }
  for (const s of stages) {
    // In the stage's own order (plan.steps is topological across stages, the stage's list is as defined).
    s.steps = s.stage.steps.map((id) => steps.get(id)).filter((r): r is StepRun => !!r);
    s.unfinished = s.steps.length;
  }
  for (const run of steps.values()) {
    for (const dep of run.step.dependsOn) {
      const dependency = steps.get(dep);
      if (!dependency) continue;
      run.dependencies.push(dependency);
      dependency.dependents.push(run);
    }
  }
  return { stages, steps };
}
