/** Every kind of change in a run (DESIGN §3.1). */
export const RUN_EVENT_TYPES = [
  'run.queued',
  'run.started',
  'run.succeeded',
  'run.failed',
  'run.cancelled',
  'stage.started',
  'stage.succeeded',
  'stage.failed',
  'stage.skipped',
  'step.queued',
  'step.started',
  'step.log',
  'step.retrying',
  'step.succeeded',
  'step.failed',
  'step.skipped',
  'step.cancelled',
  'artifact.created',
  'branch.selected',
  'barrier.passed',
  'review.verdict',
] as const;

export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

/** One change of a run, appended to its log with a gap-free `seq` (from 1). */
export interface RunEvent {
  seq: number;
  runId: string;
  /** ISO time. */
  ts: string;
  type: RunEventType;
  stageId?: string;
  stepId?: string;
  attempt?: number;
  data?: unknown;
}

export type StepStatus =
  | 'idle'
  | 'queued'
  | 'running'
  | 'retrying'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'cancelled'
  | 'reused';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type StageStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** The `data` each event type carries, as the engine writes it. */
export interface StepQueuedData {
  /** Review round, revision or validation attempt, when above 1 (a resumed run needs it). */
  round?: number;
}
export interface StepStartedData {
  agent: string | null;
  /** Set when the fallback agent runs in place of the step's own. */
  fallback?: boolean;
}
export interface StepEndedData {
  /** First line or so of the result, for the node and the timeline. */
  summary?: string;
  error?: string;
  reason?: string;
  /** The result was taken from an earlier run. */
  reused?: boolean;
  durationMs?: number;
}
export interface BranchSelectedData {
  condition: string;
  stepId: string | null;
}
export interface ReviewVerdictData {
  verdict: 'approve' | 'changes_requested';
  findings: string[];
  round: number;
}
export interface ArtifactCreatedData {
  name: string;
  path: string;
}
export interface StepLogData {
  stream: 'stdout' | 'stderr' | 'info';
  line: string;
}

export function isTerminalStepStatus(status: StepStatus): boolean {
  return (
    status === 'succeeded' ||
    status === 'failed' ||
    status === 'skipped' ||
    status === 'cancelled' ||
    status === 'reused'
  );
}
