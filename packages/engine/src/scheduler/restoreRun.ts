import { type RunEvent, type RunState, reduceRun } from '@baton/core';
import type { StepResult } from '../contract.js';
import { rulesOf } from './patterns/registry.js';
import { isFinished, type StagePhase, type StageRun, type StepPhase, type StepRun } from './stepRun.js';

/** What a run's earlier events say about each step and stage (a run resumed after a crash). */
export interface RestoredRun {
  state: RunState;
  steps: Map<string, RestoredStep>;
  stages: Map<string, StagePhase>;
  /** The analyzer's choice per conditional stage. */
  branches: Map<string, string | null>;
  /** Why each skipped stage was skipped. */
  skipReasons: Map<string, string>;
  /** `context.json`'s path (relative to the data directory): the run's artifact folder. */
  contextPath?: string;
  /** Artifact paths already announced, not to be announced twice. */
  artifactPaths: Set<string>;
}

export interface RestoredStep {
  phase: StepPhase;
  attempt: number;
  round: number;
  result?: StepResult;
  durationMs?: number;
  agent?: string;
}

function record(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

/** A recorded result the scheduler can use (a log from before results were recorded has none). */
function isResult(value: unknown): value is StepResult {
  const r = record(value);
  return (r.status === 'succeeded' || r.status === 'failed') && typeof r.output === 'string';
}

/**
 * Fold earlier events (core's `reduceRun`) and pick out what the scheduler needs besides:
 * each finished step's result (fan-in and handoffs need them), and the round each step last
 * ran or was queued in. Steps that started but never finished come back `pending`: they run again, their
 * attempt counted.
 */
export function restoreRun(events: readonly RunEvent[]): RestoredRun {
  const state = reduceRun(events);
  const results = new Map<string, { result?: StepResult; durationMs?: number }>();
  const rounds = new Map<string, number>();
  const branches = new Map<string, string | null>();
  const skipReasons = new Map<string, string>();
  const artifactPaths = new Set<string>();
  let contextPath: string | undefined;
  for (const event of events) {
    const data = record(event.data);
    if (!event.stepId) {
      if (event.type === 'branch.selected' && event.stageId) {
        branches.set(event.stageId, typeof data.stepId === 'string' ? data.stepId : null);
      }
      if (event.type === 'stage.skipped' && event.stageId && typeof data.reason === 'string') {
        skipReasons.set(event.stageId, data.reason);
      }
      if (event.type === 'artifact.created' && typeof data.path === 'string') {
        artifactPaths.add(data.path);
        if (data.name === 'context.json') contextPath = data.path;
      }
      continue;
    }
    // Queued steps carry the round they are to run in too: a crash may come before they start.
    if (event.type === 'step.started' || event.type === 'step.queued')
      rounds.set(event.stepId, typeof data.round === 'number' ? data.round : 1);
    if (event.type === 'step.succeeded' || event.type === 'step.failed') {
      const entry: { result?: StepResult; durationMs?: number } = {};
      if (isResult(data.result)) entry.result = data.result;
      if (typeof data.durationMs === 'number') entry.durationMs = data.durationMs;
      results.set(event.stepId, entry);
    }
    if (event.type === 'artifact.created' && typeof data.path === 'string') artifactPaths.add(data.path);
  }

  const steps = new Map<string, RestoredStep>();
  for (const [id, s] of Object.entries(state.steps)) {
    const phase: StepPhase =
      s.status === 'succeeded' || s.status === 'reused'
        ? 'succeeded'
        : s.status === 'failed'
          ? 'failed'
          : s.status === 'skipped'
            ? 'skipped'
            : 'pending'; // queued, running, retrying, cancelled: interrupted, to run again
    const restored: RestoredStep = { phase, attempt: s.attempt, round: rounds.get(id) ?? 1 };
    const ended = results.get(id);
    if (phase === 'succeeded' || phase === 'failed') {
      restored.result = ended?.result ?? {
        status: phase,
        output: s.summary ?? '',
        ...(s.error ? { error: s.error } : {}),
      };
      if (ended?.durationMs !== undefined) restored.durationMs = ended.durationMs;
    }
    if (typeof s.agent === 'string') restored.agent = s.agent;
    steps.set(id, restored);
  }

  const stages = new Map<string, StagePhase>();
  for (const [id, s] of Object.entries(state.stages)) {
    stages.set(id, s.status === 'pending' ? 'waiting' : s.status === 'cancelled' ? 'failed' : s.status);
  }
  const restored: RestoredRun = { state, steps, stages, branches, skipReasons, artifactPaths };
  if (contextPath) restored.contextPath = contextPath;
  return restored;
}

/** Lay what the earlier events say over a fresh run graph (before the scheduler begins). */
export function applyRestored(
  restored: RestoredRun,
  stages: readonly StageRun[],
  steps: ReadonlyMap<string, StepRun>,
): void {
  for (const [id, r] of restored.steps) {
    const s = steps.get(id);
    if (!s) continue;
    s.phase = r.phase;
    s.attempt = r.attempt;
    s.round = r.round;
    if (r.result) s.result = r.result;
    if (r.durationMs !== undefined) s.durationMs = r.durationMs;
    if (r.agent) s.agent = r.agent;
  }
  for (const stage of stages) {
    const phase = restored.stages.get(stage.stage.id);
    if (phase) stage.phase = phase;
    const skipReason = restored.skipReasons.get(stage.stage.id);
    if (skipReason !== undefined) stage.skipReason = skipReason;
    if (restored.branches.has(stage.stage.id)) stage.selectedBranch = restored.branches.get(stage.stage.id);
    rulesOf(stage).restore(stage);
    stage.unfinished = stage.steps.filter((s) => !isFinished(s.phase)).length;
  }
}
