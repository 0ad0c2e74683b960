import type { RunEvent, StepStatus } from './events.js';

/** One attempt of one step, as the timeline draws it. */
export interface StepInterval {
  stepId: string;
  stageId: string;
  /** 1 for a step's first attempt; 0 for a reused step (no attempt in this run). */
  attempt: number;
  /** The agent that ran the attempt (the fallback's name when it stood in); `null` if unknown. */
  agent: string | null;
  startTs: string;
  /** Absent while the attempt runs. */
  endTs?: string;
  /**
   * `running` (no end yet), `retrying` (the attempt failed and another follows), `succeeded`,
   * `failed`, `cancelled`, or `reused` (a result taken from an earlier run: zero length).
   */
  status: Extract<StepStatus, 'running' | 'retrying' | 'succeeded' | 'failed' | 'cancelled' | 'reused'>;
  /** Why the attempt failed, was retried or was cancelled. */
  error?: string;
  /** The queue worker that ran the attempt (the queue dispatcher, docs/design.md §3.4). */
  worker?: string;
  /**
   * The attempt was lost, not failed (`step.retrying` with `data.interrupted`): its worker
   * stopped answering or handed it back, and the step runs again without using a retry.
   */
  interrupted?: true;
}

/**
 * The line the queue dispatcher logs when a worker takes an attempt: the only sign of the
 * worker while the attempt runs (its end event names the worker too, and wins).
 */
const RUNNING_ON_WORKER = /^running on worker (.+)$/;

/**
 * One interval per attempt of each step, in the order they started (the log's): an attempt
 * starts at `step.started` and ends at that step's next `step.retrying`, `step.succeeded`,
 * `step.failed` or `step.cancelled`. A reused step (`step.succeeded` with `data.reused` and no
 * start) is a zero-length `reused` interval at its time. Skipped steps and pure barriers
 * (which end without starting) have none. An attempt a crash interrupted (a resumed run
 * starts the step again without its end) is closed `cancelled` where the next one starts.
 * Events at or below a `seq` already seen are ignored, as `reduceRun` does. The worker of an
 * attempt is its end event's `data.worker`, or until then the `running on worker X` info line
 * logged for that attempt.
 */
export function stepIntervals(events: Iterable<RunEvent>): StepInterval[] {
  const out: StepInterval[] = [];
  /** Per step, its attempt still open. */
  const open = new Map<string, StepInterval>();
  let lastSeq = 0;
  for (const event of events) {
    if (event.seq <= lastSeq) continue;
    lastSeq = event.seq;
    const { stepId } = event;
    if (stepId === undefined) continue;
    switch (event.type) {
      case 'step.started': {
        const previous = open.get(stepId);
        if (previous) end(previous, event.ts, 'cancelled', 'interrupted: the run was resumed');
        const interval: StepInterval = {
          stepId,
          stageId: event.stageId ?? '',
          attempt: event.attempt ?? 1,
          agent: typeof event.data?.agent === 'string' ? event.data.agent : null,
          startTs: event.ts,
          status: 'running',
        };
        out.push(interval);
        open.set(stepId, interval);
        break;
      }
      case 'step.log': {
        const interval = open.get(stepId);
        const match =
          event.data?.stream === 'info' && interval && interval.attempt === event.attempt
            ? RUNNING_ON_WORKER.exec(event.data.line)
            : null;
        if (interval && match?.[1]) interval.worker = match[1];
        break;
      }
      case 'step.retrying': {
        const interval = close(open, stepId, event.ts, 'retrying', event.data?.error, event.data?.worker);
        if (interval && event.data?.interrupted === true) interval.interrupted = true;
        break;
      }
      case 'step.failed':
        close(
          open,
          stepId,
          event.ts,
          'failed',
          event.data?.error ?? event.data?.result?.error,
          event.data?.worker,
        );
        break;
      case 'step.cancelled':
        close(open, stepId, event.ts, 'cancelled', event.data?.reason);
        break;
      case 'step.succeeded': {
        const interval = open.get(stepId);
        const reused = event.data?.reused === true;
        if (interval) {
          open.delete(stepId);
          end(interval, event.ts, reused ? 'reused' : 'succeeded');
          if (typeof event.data?.worker === 'string') interval.worker = event.data.worker;
        } else if (reused) {
          out.push({
            stepId,
            stageId: event.stageId ?? '',
            attempt: event.attempt ?? 0, // no attempt of its own in this run
            agent: null,
            startTs: event.ts,
            endTs: event.ts,
            status: 'reused',
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function close(
  open: Map<string, StepInterval>,
  stepId: string,
  ts: string,
  status: StepInterval['status'],
  error: unknown,
  worker?: unknown,
): StepInterval | undefined {
  const interval = open.get(stepId);
  if (!interval) return; // ended without starting: a barrier, or a step cancelled between attempts
  open.delete(stepId);
  end(interval, ts, status, typeof error === 'string' ? error : undefined);
  if (typeof worker === 'string') interval.worker = worker;
  return interval;
}

function end(interval: StepInterval, ts: string, status: StepInterval['status'], error?: string): void {
  interval.endTs = ts;
  interval.status = status;
  if (error !== undefined) interval.error = error;
}
