import { type AgentInfo, runtimeKindOf, type StepResult } from '@baton/core';
import type { StepInvocation } from '../contract.js';

/**
 * What travels through the queue (docs/design.md §3.4). One BullMQ job per attempt, its id the
 * attempt's idempotency key `runId:stepId:attempt`, its data the invocation. A worker always
 * completes the job with a `StepJobOutcome`, also when the agent failed: a failed BullMQ job
 * means the queue itself lost the attempt (a stalled worker), which runs again.
 */

/** BullMQ's key prefix and queue name: the jobs are under `baton:steps:*`. */
export const QUEUE_PREFIX = 'baton';
export const STEP_QUEUE = 'steps';
/** Pub/sub channel: a step's key published here stops it on whichever worker runs it. */
export const CANCEL_CHANNEL = `${QUEUE_PREFIX}:${STEP_QUEUE}:cancel`;
/** Marks a key cancelled for a worker that takes the job later (an hour is plenty). */
export const cancelledKey = (key: string) => `${QUEUE_PREFIX}:${STEP_QUEUE}:cancelled:${key}`;
export const CANCELLED_TTL_S = 3600;
/** Hash of the workers' presence: id → `WorkerPresence` JSON, refreshed every few seconds. */
export const WORKERS_KEY = `${QUEUE_PREFIX}:${STEP_QUEUE}:workers`;

export type StepJobData = StepInvocation;

export interface StepJobOutcome {
  /** The worker that ran the attempt. */
  worker: string;
  /** The agent's result (succeeded or failed). */
  result?: StepResult;
  /** Set instead of `result` when the worker stopped before the agent ended: why. */
  handedBack?: string;
}

/** A worker's progress report on a job: that it took it, or log lines (batched). */
export interface StepJobProgress {
  worker?: string;
  logs?: [stream: 'stdout' | 'stderr' | 'info', line: string][];
}

/** A job's return value as a worker wrote it; `null` when it is not one (a foreign job). */
export function readJobOutcome(value: unknown): StepJobOutcome | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.worker !== 'string') return null;
  const outcome: StepJobOutcome = { worker: v.worker };
  if (typeof v.handedBack === 'string') outcome.handedBack = v.handedBack;
  else {
    const result = readResult(v.result);
    if (!result) return null;
    outcome.result = result;
  }
  return outcome;
}

/**
 * A result as Redis holds it, each field checked: what comes from outside the process may be
 * anything, and a reviewer's findings that are not a list of strings would fail the run.
 */
function readResult(value: unknown): StepResult | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  if (r.status !== 'succeeded' && r.status !== 'failed') return null;
  const result: StepResult = { status: r.status, output: typeof r.output === 'string' ? r.output : '' };
  if (typeof r.error === 'string') result.error = r.error;
  if (typeof r.condition === 'string') result.condition = r.condition;
  if (r.verdict === 'approve' || r.verdict === 'changes_requested') result.verdict = r.verdict;
  if (Array.isArray(r.findings) && r.findings.every((f) => typeof f === 'string'))
    result.findings = r.findings;
  if (typeof r.session === 'string') result.session = r.session;
  return result;
}

/** A progress report, or `null` when it is not one. */
export function readJobProgress(value: unknown): StepJobProgress | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const progress: StepJobProgress = {};
  if (typeof v.worker === 'string') progress.worker = v.worker;
  if (Array.isArray(v.logs)) {
    progress.logs = v.logs.filter(
      (l): l is ['stdout' | 'stderr' | 'info', string] =>
        Array.isArray(l) &&
        (l[0] === 'stdout' || l[0] === 'stderr' || l[0] === 'info') &&
        typeof l[1] === 'string',
    );
  }
  return progress;
}

/**
 * What goes on the queue: the invocation, with an agent's definition cut to its name and
 * runtime kind unless it is simulated. A worker runs its own definition of any other agent,
 * so the server's (commands, headers, keys in `env`) has no business in Redis.
 */
export function jobData(invocation: StepInvocation): StepJobData {
  const { definition } = invocation;
  if (runtimeKindOf(definition) === 'simulated') return invocation;
  const kind = runtimeKindOf(definition);
  const cut = { name: definition.name, source: definition.source, runtime: { kind } } as AgentInfo;
  return { ...invocation, definition: cut };
}
