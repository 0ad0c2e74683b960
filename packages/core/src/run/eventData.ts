import type { StepResult } from './stepResult.js';

/**
 * The `data` each event type carries, as the engine writes it (docs/design.md §3.1). `RunEventDataMap`
 * maps every event type to its payload: `undefined` for a type that carries none, a union
 * with `undefined` where the engine sends it only sometimes.
 */

export interface RunFailedData {
  error: string;
}
export interface RunCancelledData {
  reason: string;
}
export interface StageFailedData {
  error: string;
}
export interface StageSkippedData {
  reason: string;
}
export interface StepQueuedData {
  /** Review round, revision or validation attempt, when above 1 (a resumed run needs it). */
  round?: number;
}
export interface StepStartedData {
  agent: string | null;
  /** Set when the fallback agent runs in place of the step's own. */
  fallback?: boolean;
  /** Review round, revision or validation attempt, when above 1. */
  round?: number;
  /** The agent runs as a simulated stand-in (its runtime is `simulated`, or the run simulates every agent). */
  simulated?: boolean;
}
export interface StepRetryingData {
  /** Why the attempt failed. */
  error: string;
  /** The backoff before the next attempt. */
  delayMs?: number;
  /** The fallback agent the next attempt runs, when it stands in. */
  fallback?: string;
  /** The queue worker that ran the attempt (the queue dispatcher, docs/design.md §3.4). */
  worker?: string;
  /**
   * The attempt was lost, not failed: its worker stopped answering or handed it back, or the
   * queue lost its job. The next attempt does not count against the step's retries.
   */
  interrupted?: boolean;
}
export interface StepLogData {
  stream: 'stdout' | 'stderr' | 'info';
  line: string;
}
/** What every end of a step may say (`step.succeeded`, `failed`, `skipped`, `cancelled`). */
export interface StepEndedData {
  /** First line or so of the result, for the node and the timeline. */
  summary?: string;
  error?: string;
  reason?: string;
  /** The result was taken from an earlier run. */
  reused?: boolean;
  durationMs?: number;
  /** The queue worker that ran the attempt (the queue dispatcher, docs/design.md §3.4). */
  worker?: string;
}
/** `step.succeeded` and `step.failed`: the step ran (or its result was reused) and has a result. */
export interface StepFinishedData extends StepEndedData {
  summary: string;
  durationMs: number;
  result: StepResult;
}
/** `step.skipped` and `step.cancelled`: the step did not finish, and why. */
export interface StepStoppedData extends StepEndedData {
  reason: string;
}
export interface ArtifactCreatedData {
  name: string;
  /** Relative to the data directory. */
  path: string;
}
export interface BranchSelectedData {
  condition: string;
  /** The branch taken; `null` when no branch matches. */
  stepId: string | null;
}
export interface BarrierPassedData {
  /** The sync point's name (or the barrier's label). */
  name: string;
}
export interface ReviewVerdictData {
  verdict: 'approve' | 'changes_requested';
  findings: string[];
  round: number;
}

/** Every event type and its payload. */
export interface RunEventDataMap {
  'run.queued': undefined;
  'run.started': undefined;
  'run.succeeded': undefined;
  'run.failed': RunFailedData;
  'run.cancelled': RunCancelledData;
  'stage.started': undefined;
  'stage.succeeded': undefined;
  'stage.failed': StageFailedData;
  'stage.skipped': StageSkippedData;
  'step.queued': StepQueuedData | undefined;
  'step.started': StepStartedData;
  'step.log': StepLogData;
  'step.retrying': StepRetryingData;
  'step.succeeded': StepFinishedData;
  'step.failed': StepFinishedData;
  'step.skipped': StepStoppedData;
  'step.cancelled': StepStoppedData;
  'artifact.created': ArtifactCreatedData;
  'branch.selected': BranchSelectedData;
  'barrier.passed': BarrierPassedData;
  'review.verdict': ReviewVerdictData;
}
