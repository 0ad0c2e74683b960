import type { StepResult } from '@baton/core';
import type { DispatchContext } from '../contract.js';
import { StepInterruptedError } from '../dispatch/stepInterrupted.js';
import { readJobOutcome } from './stepJob.js';

/** A step attempt on the queue, from its dispatch to its end, and how each kind of end settles it. */
export interface InFlight {
  key: string;
  context: DispatchContext;
  since: number;
  /** The job is in Redis (added now, or found there). */
  addedAt: number | null;
  worker: string | null;
  noticed: { waiting?: boolean; down?: boolean };
  settle(result: StepResult): void;
  fail(error: Error): void;
}

/** A worker took it: the engine records which, and its log says so (once per worker). */
export function takenBy(entry: InFlight, worker: string): void {
  if (entry.worker === worker) return;
  entry.worker = worker;
  entry.context.assigned?.(worker);
  entry.context.log('info', `running on worker ${worker}`);
}

/** The job ended: the worker's outcome, a result or a hand-back (a lost attempt). */
export function endedWith(entry: InFlight, value: unknown): void {
  const outcome = readJobOutcome(value);
  if (!outcome) {
    entry.fail(new Error('the queue worker answered with no result (is it a baton worker?)'));
    return;
  }
  takenBy(entry, outcome.worker);
  if (outcome.handedBack !== undefined) {
    entry.fail(
      new StepInterruptedError(
        `worker ${outcome.worker} handed the step back (${outcome.handedBack})`,
        outcome.worker,
      ),
    );
  } else if (outcome.result) entry.settle(outcome.result);
}

/** BullMQ failed the job: stalled (its worker died: lost) or anything else (failed). */
export function failedInQueue(entry: InFlight, reason: string, worker: string | null): void {
  // The worker that said it took the job: BullMQ's `processedBy` may name the one whose
  // stalled-job check failed it.
  const who = entry.worker ?? worker;
  if (/stalled/i.test(reason)) {
    entry.fail(
      new StepInterruptedError(
        `worker ${who ?? '(unknown)'} stopped answering while it ran the step (its lock expired)`,
        who ?? undefined,
      ),
    );
  } else entry.fail(new Error(`the queue failed the step: ${reason}`));
}
