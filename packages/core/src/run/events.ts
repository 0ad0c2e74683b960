import type { RunEventDataMap } from './eventData.js';

/** Every kind of change in a run (docs/design.md §3.1). */
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

/** What every event has, whatever its type. */
export interface RunEventBase {
  /** Position in the run's log: gap-free, from 1. */
  seq: number;
  runId: string;
  /** ISO time. */
  ts: string;
  stageId?: string;
  stepId?: string;
  attempt?: number;
}

/** The event of one type: its payload required where the engine always sends one. */
type EventOfType<K extends RunEventType> = RunEventBase &
  (undefined extends RunEventDataMap[K]
    ? { type: K; data?: Exclude<RunEventDataMap[K], undefined> }
    : { type: K; data: RunEventDataMap[K] });

/**
 * One change of a run, appended to its log with a gap-free `seq` (from 1): a union
 * discriminated by `type`, so that `if (e.type === 'step.log') e.data.line` is typed.
 */
export type RunEvent = { [K in RunEventType]: EventOfType<K> }[RunEventType];

/** The events of one type (or of several: `RunEventOf<'step.succeeded' | 'step.failed'>`). */
export type RunEventOf<K extends RunEventType> = Extract<RunEvent, { type: K }>;

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

export function isTerminalStepStatus(status: StepStatus): boolean {
  return (
    status === 'succeeded' ||
    status === 'failed' ||
    status === 'skipped' ||
    status === 'cancelled' ||
    status === 'reused'
  );
}
