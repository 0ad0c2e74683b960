import { formatDuration } from '@baton/core';
import { clockTimer } from '../clock/clockTimer.js';
import type { Clock, DispatchContext, Dispatcher, StepInvocation, StepResult } from '../contract.js';
import { StepInterruptedError } from '../dispatch/stepInterrupted.js';
import { messageOf } from '../runtimes/agentRuntime.js';

/** Backoff before retry n (0-based): 1s, 2s, 4s… capped at a minute, divided by the run's speed. */
export function retryDelayMs(n: number, speed: number): number {
  return Math.round(Math.min(1000 * 2 ** n, 60_000) / (speed > 0 ? speed : 1));
}

/** How long a runtime may take to stop after its signal aborted before the step moves on anyway. */
const SETTLE_AFTER_ABORT_MS = 10_000;

/**
 * Lost attempts (`StepInterruptedError`) run again beside the step's retries, up to this many
 * times: a step that kills every worker it lands on fails rather than go round for ever.
 */
export const MAX_INTERRUPTIONS = 3;

/** The reason a step's signal carries when its time is up. */
export class StepTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${formatDuration(timeoutMs)}`);
    this.name = 'StepTimeoutError';
  }
}

/** The reason a step's signal carries when the run is cancelled. */
export class RunCancelledError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RunCancelledError';
  }
}

/**
 * Cancels one step: the attempt in flight (through its signal) or the backoff it waits in.
 * Plain fields rather than an AbortSignal per step: a signal and its listeners cost more than
 * the rest of a zero-duration step together.
 */
export class StepControl {
  cancelled = false;
  reason: unknown;
  /** Set while something is in flight: aborts it. */
  interrupt: ((reason: unknown) => void) | null = null;

  cancel(reason: unknown): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.reason = reason;
    this.interrupt?.(reason);
  }
}

export interface StepCall {
  control: StepControl;
  agent: string;
  retries: number;
  fallbackAgent: string | null;
  timeoutMs: number;
  /** The invocation of one attempt, or an error text when the agent is unknown. */
  invocation(agent: string, attempt: number): StepInvocation | string;
  nextAttempt(): number;
  /**
   * A resumed run: the attempt that was in flight when the run's process stopped, for a
   * dispatcher that can collect it (`Dispatcher.collectsInterrupted`). It is not started again.
   */
  inFlight?: number;
  started(attempt: number, agent: string, fallback: boolean): void;
  retrying(
    attempt: number,
    error: string,
    delayMs: number,
    fallbackAgent: string | null,
    ran?: AttemptPlace,
  ): void;
  log(attempt: number, stream: 'stdout' | 'stderr' | 'info', line: string): void;
}

/** Where the attempt before a retry ran, and whether it was lost (its retry uses none of the step's). */
export interface AttemptPlace {
  worker?: string;
  interrupted?: true;
}

export type StepOutcome =
  | { cancelled: true }
  | {
      cancelled: false;
      result: StepResult;
      agent: string;
      attempt: number;
      durationMs: number;
      /** The queue worker that ran the attempt. */
      worker?: string;
    };

/** One attempt's end as the dispatcher told it. */
interface AttemptEnd {
  result: StepResult;
  worker?: string;
  /** Lost, not failed: it runs again without using a retry. */
  interrupted?: boolean;
}

/**
 * One step to its end: the agent, its retries with exponential backoff, then the fallback
 * agent once (the seed's `retry_once_then_fallback`). Never rejects.
 */
export async function executeAttempts(
  clock: Clock,
  dispatcher: Dispatcher,
  speed: number,
  call: StepCall,
): Promise<StepOutcome> {
  const { control } = call;
  const total = call.retries + 1 + (call.fallbackAgent ? 1 : 0);
  let last: Extract<StepOutcome, { cancelled: false }> | null = null;
  let interruptions = 0;
  let collect = dispatcher.collectsInterrupted ? call.inFlight : undefined;
  for (let i = 0; i < total; i++) {
    const fallback = i > call.retries;
    const agent = fallback ? (call.fallbackAgent as string) : call.agent;
    if (control.cancelled) return { cancelled: true };
    let attempt: number;
    const collecting = collect !== undefined;
    if (collect !== undefined) {
      // Already started (its `step.started` is in the log): asked for again by the same key.
      attempt = collect;
      collect = undefined;
    } else {
      attempt = call.nextAttempt();
      call.started(attempt, agent, fallback);
    }
    const startedAt = clock.now();
    const invocation = call.invocation(agent, attempt);
    const end: AttemptEnd =
      typeof invocation === 'string'
        ? { result: { status: 'failed', output: '', error: invocation } }
        : await attemptOnce(clock, dispatcher, invocation, call, collecting);
    if (control.cancelled) return { cancelled: true };
    const { result } = end;
    last = { cancelled: false, result, agent, attempt, durationMs: clock.now() - startedAt };
    if (end.worker !== undefined) last.worker = end.worker;
    if (end.interrupted && interruptions < MAX_INTERRUPTIONS) {
      // Lost, not failed: the same try again, at once, not counted against the retries.
      interruptions++;
      const lost: AttemptPlace = { interrupted: true };
      if (end.worker !== undefined) lost.worker = end.worker;
      call.retrying(attempt, result.error ?? 'the attempt was lost', 0, fallback ? agent : null, lost);
      i--;
      continue;
    }
    if (end.interrupted) {
      result.error = `${result.error ?? 'the attempt was lost'} (lost ${interruptions + 1} times: not tried again)`;
    }
    if (result.status === 'succeeded' || i === total - 1) return last;
    const nextIsFallback = i + 1 > call.retries;
    const delayMs = nextIsFallback ? 0 : retryDelayMs(i, speed);
    call.retrying(
      attempt,
      result.error ?? 'failed',
      delayMs,
      nextIsFallback ? call.fallbackAgent : null,
      end.worker === undefined ? undefined : { worker: end.worker },
    );
    if (delayMs > 0) await backoff(clock, delayMs, control);
  }
  return last ?? { cancelled: true };
}

/** Wait before a retry; a cancel ends the wait at once. */
function backoff(clock: Clock, ms: number, control: StepControl): Promise<void> {
  return new Promise((resolve) => {
    const stop = clockTimer(clock, ms, () => {
      control.interrupt = null;
      resolve();
    });
    control.interrupt = () => {
      stop();
      resolve();
    };
  });
}

/** One call of the dispatcher, bounded by the step's timeout and the step's cancel. */
function attemptOnce(
  clock: Clock,
  dispatcher: Dispatcher,
  invocation: StepInvocation,
  call: StepCall,
  collect: boolean,
): Promise<AttemptEnd> {
  const { control } = call;
  return new Promise<AttemptEnd>((resolve) => {
    // The AbortController is made only when the runtime looks at its signal or when there is
    // something to abort: a zero-duration agent never needs one.
    let controller: AbortController | null = null;
    const signal = () => {
      controller ??= new AbortController();
      return controller.signal;
    };
    let abortReason: unknown;
    let aborted = false;
    let done = false;
    let stopTimeout: () => void = () => {};
    let stopGiveUp: () => void = () => {};
    let worker: string | undefined;
    const finish = (result: StepResult, interrupted = false) => {
      if (done) return;
      done = true;
      stopTimeout();
      stopGiveUp();
      control.interrupt = null;
      const end: AttemptEnd = {
        result:
          abortReason instanceof StepTimeoutError
            ? { ...result, status: 'failed', error: abortReason.message }
            : result,
      };
      if (worker !== undefined) end.worker = worker;
      // A step that timed out or was stopped failed, whatever its worker did meanwhile.
      if (interrupted && !aborted) end.interrupted = true;
      resolve(end);
    };
    const abort = (reason: unknown) => {
      if (done || aborted) return;
      aborted = true;
      abortReason = reason;
      signal();
      controller?.abort(reason);
      // Should the runtime not settle after being told to stop, the step still ends.
      stopGiveUp = clockTimer(clock, SETTLE_AFTER_ABORT_MS, () =>
        finish({ status: 'failed', output: '', error: 'the agent did not stop' }),
      );
    };
    control.interrupt = abort;
    stopTimeout = clockTimer(clock, call.timeoutMs, () => abort(new StepTimeoutError(call.timeoutMs)));
    const context: DispatchContext = {
      get signal() {
        return signal();
      },
      log: (stream, line) => {
        if (!done) call.log(invocation.attempt, stream, line);
      },
      assigned: (name) => {
        if (!done) worker = name;
      },
    };
    if (collect) context.collect = true;
    let running: Promise<StepResult>;
    try {
      running = dispatcher.execute(invocation, context);
    } catch (error) {
      running = Promise.reject(error);
    }
    // A result that cannot even be read (it throws) fails the attempt too: the step must end.
    running.then(normalise).then(
      (result) => finish(result),
      (error: unknown) => {
        if (error instanceof StepInterruptedError) {
          if (error.worker !== undefined) worker ??= error.worker;
          finish(thrown(error), true);
        } else finish(thrown(error));
      },
    );
  });
}

function thrown(error: unknown): StepResult {
  return { status: 'failed', output: '', error: messageOf(error) };
}

/** A dispatcher's answer made a well-formed result (a queue worker's JSON may be loose). */
function normalise(value: StepResult): StepResult {
  if (!value || typeof value !== 'object') return thrown('the dispatcher returned no result');
  const status = value.status === 'succeeded' ? 'succeeded' : 'failed';
  const result: StepResult = {
    ...value,
    status,
    output: typeof value.output === 'string' ? value.output : '',
  };
  if (status === 'failed' && !result.error) result.error = 'failed';
  return result;
}
