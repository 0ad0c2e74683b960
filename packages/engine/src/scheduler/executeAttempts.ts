import { formatDuration } from '@baton/core';
import type { Clock, Dispatcher, StepInvocation, StepResult } from '../contract.js';
import { messageOf } from '../runtimes/agentRuntime.js';

/** Backoff before retry n (0-based): 1s, 2s, 4s… capped at a minute, divided by the run's speed. */
export function retryDelayMs(n: number, speed: number): number {
  return Math.round(Math.min(1000 * 2 ** n, 60_000) / (speed > 0 ? speed : 1));
}

/** How long a runtime may take to stop after its signal aborted before the step moves on anyway. */
const SETTLE_AFTER_ABORT_MS = 10_000;

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

export interface StepCall {
  /** Cancels the whole step (every attempt, and a backoff wait). */
  signal: AbortSignal;
  agent: string;
  retries: number;
  fallbackAgent: string | null;
  timeoutMs: number;
  /** The invocation of one attempt, or an error text when the agent is unknown. */
  invocation(agent: string, attempt: number): StepInvocation | string;
  nextAttempt(): number;
  started(attempt: number, agent: string, fallback: boolean): void;
  retrying(attempt: number, error: string, delayMs: number, fallbackAgent: string | null): void;
  log(attempt: number, stream: 'stdout' | 'stderr' | 'info', line: string): void;
}

export type StepOutcome =
  | { cancelled: true }
  | { cancelled: false; result: StepResult; agent: string; attempt: number; durationMs: number };

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
  const agents: { agent: string; fallback: boolean }[] = [];
  for (let i = 0; i <= call.retries; i++) agents.push({ agent: call.agent, fallback: false });
  if (call.fallbackAgent) agents.push({ agent: call.fallbackAgent, fallback: true });

  let last: Extract<StepOutcome, { cancelled: false }> | null = null;
  for (let i = 0; i < agents.length; i++) {
    const { agent, fallback } = agents[i] as { agent: string; fallback: boolean };
    if (call.signal.aborted) return { cancelled: true };
    const attempt = call.nextAttempt();
    call.started(attempt, agent, fallback);
    const startedAt = clock.now();
    const invocation = call.invocation(agent, attempt);
    const result =
      typeof invocation === 'string'
        ? ({ status: 'failed', output: '', error: invocation } as StepResult)
        : await attemptOnce(clock, dispatcher, invocation, call);
    if (call.signal.aborted) return { cancelled: true };
    last = { cancelled: false, result, agent, attempt, durationMs: clock.now() - startedAt };
    if (result.status === 'succeeded') return last;
    const next = agents[i + 1];
    if (!next) break;
    const delayMs = next.fallback ? 0 : retryDelayMs(i, speed);
    call.retrying(attempt, result.error ?? 'failed', delayMs, next.fallback ? next.agent : null);
    if (delayMs > 0) {
      try {
        await clock.sleep(delayMs, call.signal);
      } catch {
        return { cancelled: true };
      }
    }
  }
  return last ?? { cancelled: true };
}

/** One call of the dispatcher, bounded by the step's timeout and its cancel signal. */
async function attemptOnce(
  clock: Clock,
  dispatcher: Dispatcher,
  invocation: StepInvocation,
  call: StepCall,
): Promise<StepResult> {
  const attempt = new AbortController();
  const onCancel = () => attempt.abort(call.signal.reason);
  call.signal.addEventListener('abort', onCancel, { once: true });
  const timers = new AbortController();
  clock.sleep(call.timeoutMs, timers.signal).then(
    () => attempt.abort(new StepTimeoutError(call.timeoutMs)),
    () => {},
  );
  // Should a runtime not settle after being told to stop, the step still ends.
  const gaveUp = new Promise<StepResult>((resolve) => {
    attempt.signal.addEventListener(
      'abort',
      () => {
        clock.sleep(SETTLE_AFTER_ABORT_MS, timers.signal).then(
          () => resolve({ status: 'failed', output: '', error: 'the agent did not stop' }),
          () => {},
        );
      },
      { once: true },
    );
  });
  let live = true;
  const context = {
    signal: attempt.signal,
    log: (stream: 'stdout' | 'stderr' | 'info', line: string) => {
      if (live) call.log(invocation.attempt, stream, line);
    },
  };
  let result: StepResult;
  try {
    result = await Promise.race([
      dispatcher.execute(invocation, context).then(normalise, (error: unknown) => thrown(error)),
      gaveUp,
    ]);
  } catch (error) {
    // A dispatcher that throws synchronously.
    result = thrown(error);
  } finally {
    live = false;
    timers.abort();
    call.signal.removeEventListener('abort', onCancel);
  }
  const reason: unknown = attempt.signal.reason;
  if (reason instanceof StepTimeoutError) {
    return { ...result, status: 'failed', error: reason.message };
  }
  return result;
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
