import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type AgentCatalog, type AgentInfo, runtimeKindOf, type StepResult } from '@baton/core';
import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { StepInvocation } from '../contract.js';
import { createLocalDispatcher, type LocalDispatcherOptions } from '../dispatch/localDispatcher.js';
import { messageOf } from '../runtimes/agentRuntime.js';
import { JobLogBatch } from './jobLogBatch.js';
import { redisOptions } from './redisConnection.js';
import {
  CANCEL_CHANNEL,
  cancelledKey,
  QUEUE_PREFIX,
  STEP_QUEUE,
  type StepJobData,
  type StepJobOutcome,
} from './stepJob.js';
import { HEARTBEAT_MS, removePresence, type WorkerPresence, writePresence } from './workerPresence.js';

/** Past the step's own timeout, the worker stops an agent the server's word did not reach. */
const OWN_TIMEOUT_MARGIN_MS = 30_000;

export interface StepWorkerOptions {
  redisUrl: string;
  /** The worker's own registry: the agents it runs (a simulated definition runs as the job gives it). */
  agents: AgentCatalog;
  /** The folder its agents work in (absolute). */
  workspace: string;
  /** Steps run at once. Default 1. */
  concurrency?: number;
  /** Default `<host>-<pid>`. */
  id?: string;
  /**
   * How long the worker's hold on a running step lasts without renewal (it renews it every
   * half of this): a worker silent this long has lost its steps, which run again elsewhere.
   * Default 30 s.
   */
  lockMs?: number;
  /** Runtimes replaced (tests) and the kill grace of command and agent CLI agents. */
  local?: LocalDispatcherOptions;
  /** Each step as it starts and ends (the CLI prints a line). */
  onStep?: (event: StepWorkerEvent) => void;
  /** Trouble with Redis or a job (the CLI prints it). */
  onError?: (message: string) => void;
}

export type StepWorkerEvent =
  | { type: 'started'; key: string; agent: string }
  | {
      type: 'ended';
      key: string;
      agent: string;
      /** `lost`: its lock expired (the worker froze, or Redis lost it); another attempt runs elsewhere. */
      status: 'succeeded' | 'failed' | 'handed back' | 'lost';
      error?: string;
    };

export interface StepWorker {
  readonly id: string;
  /** Resolves once it is connected and taking jobs. */
  ready(): Promise<void>;
  /** Steps it runs now. */
  running(): number;
  /**
   * Stop taking jobs and finish the running ones; with `handBack` (or once `graceMs` passed),
   * stop the running agents and hand their steps back to the queue, to run elsewhere.
   */
  close(options?: { handBack?: boolean; graceMs?: number }): Promise<void>;
}

/**
 * A queue worker (`baton worker`, docs/design.md §3.4): takes step jobs from Redis and runs them with
 * the same runtimes as the local dispatcher, from its own agent registry. It completes every
 * job with an outcome (a failed agent included); a job BullMQ fails is one it lost.
 */
export function startStepWorker(options: StepWorkerOptions): StepWorker {
  let stopped = false;
  const connection = redisOptions(options.redisUrl, () => stopped);
  // The pid alone repeats across containers (every one is pid 1): a few random hex digits too.
  const id = options.id ?? `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  const lockMs = options.lockMs ?? 30_000;
  const concurrency = options.concurrency ?? 1;
  const local = createLocalDispatcher(options.local);
  const redis = new Redis(connection);
  const subscriber = new Redis(connection);
  const controllers = new Map<string, AbortController>();
  const startedAt = new Date().toISOString();
  let handingBack = false;
  const report = (message: string) => options.onError?.(message);
  redis.on('error', (e) => report(`redis: ${messageOf(e)}`));
  subscriber.on('error', () => {}); // the same trouble, said once by `redis`

  subscriber.subscribe(CANCEL_CHANNEL).catch((e) => report(`cannot hear cancels: ${messageOf(e)}`));
  /** Keys cancelled by the run (not handed back at shutdown). */
  const cancelled = new Set<string>();
  /** Keys whose lock this worker could not renew: the queue has given them to another attempt. */
  const lost = new Set<string>();
  subscriber.on('message', (_channel: string, key: string) => {
    const controller = controllers.get(key);
    if (!controller) return;
    cancelled.add(key);
    controller.abort(new Error('cancelled'));
  });

  const runJob = async (job: Job<StepJobData, StepJobOutcome>): Promise<StepJobOutcome> => {
    const invocation = job.data;
    const key = job.id ?? invocation.key;
    // Listening for a cancel from here on, so none falls between the check and the start.
    const controller = new AbortController();
    controllers.set(key, controller);
    // Both before the agent starts, in one round trip's time: is it cancelled, and who has it.
    const [isCancelled] = await Promise.all([
      redis.exists(cancelledKey(key)).catch(() => 0),
      job.updateProgress({ worker: id }).catch((e) => report(`${key}: ${messageOf(e)}`)),
    ]);
    const definition = definitionFor(invocation, options.agents, id);
    if (handingBack && !isCancelled && !cancelled.has(key)) {
      // Shutting down before it started: another worker takes it.
      controllers.delete(key);
      return { worker: id, handedBack: `worker ${id} shut down` };
    }
    if (isCancelled || controller.signal.aborted || typeof definition === 'string') {
      controllers.delete(key);
      cancelled.delete(key);
      const why = typeof definition === 'string' && !isCancelled ? definition : 'cancelled before it started';
      return { worker: id, result: failedResult(why) };
    }
    const logs = new JobLogBatch(job, (e) => report(`${key}: could not send its log: ${messageOf(e)}`));
    options.onStep?.({ type: 'started', key, agent: invocation.agent });
    try {
      let result: StepResult;
      try {
        // The server stops it at its timeout; should that word not arrive, the worker does.
        const ownTimeout = setTimeout(
          () => controller.abort(new Error(`timed out after ${invocation.timeoutMs} ms (on the worker)`)),
          invocation.timeoutMs + OWN_TIMEOUT_MARGIN_MS,
        );
        try {
          result = await local.execute(
            { ...withSafeSession(invocation), definition, workspace: options.workspace },
            { signal: controller.signal, log: (stream, line) => logs.push(stream, line) },
          );
        } finally {
          clearTimeout(ownTimeout);
        }
      } catch (error) {
        result = failedResult(messageOf(error));
      }
      // Read as the agent ended: an abort after it (the hand-back) does not undo its result.
      const stoppedByUs = controller.signal.aborted;
      await logs.flush();
      if (lost.has(key)) {
        options.onStep?.({ type: 'ended', key, agent: invocation.agent, status: 'lost' });
        return { worker: id, handedBack: `worker ${id} lost its hold on the step` };
      }
      // Stopped by the shutdown, not by the agent or a cancel: it runs again elsewhere.
      if (handingBack && stoppedByUs && !cancelled.has(key)) {
        options.onStep?.({ type: 'ended', key, agent: invocation.agent, status: 'handed back' });
        return { worker: id, handedBack: `worker ${id} shut down` };
      }
      const ended: StepWorkerEvent = { type: 'ended', key, agent: invocation.agent, status: result.status };
      if (result.error !== undefined) ended.error = result.error;
      options.onStep?.(ended);
      return { worker: id, result };
    } finally {
      logs.stop();
      controllers.delete(key);
      cancelled.delete(key);
      lost.delete(key);
    }
  };

  const worker = new Worker<StepJobData, StepJobOutcome>(STEP_QUEUE, runJob, {
    connection,
    prefix: QUEUE_PREFIX,
    name: id,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, Math.round(lockMs / 2)),
    // A stalled job fails at once (not re-run by BullMQ under the same key): the engine runs
    // it again as a new attempt, so the attempt count says how often it was started.
    maxStalledCount: 0,
    // After a Redis error (a restart, out of memory) it tries again in 2 s, not BullMQ's 15.
    runRetryDelay: 2000,
  });
  // The lock could not be renewed (the worker froze, Redis restarted): the queue counts the
  // step lost and another attempt runs, so this one's agent stops rather than run beside it.
  worker.on('lockRenewalFailed', (ids) => {
    for (const key of ids) {
      const controller = controllers.get(key);
      if (!controller) continue;
      lost.add(key);
      controller.abort(new Error('the worker lost its hold on the step'));
    }
  });
  worker.on('error', (e) => report(messageOf(e)));
  worker.on('failed', (job, e) => {
    if (job) report(`${job.id}: ${messageOf(e)}`);
  });

  const presence = (): WorkerPresence => ({
    id,
    host: hostname(),
    pid: process.pid,
    concurrency,
    running: controllers.size,
    agents: Object.keys(options.agents)
      .filter((name) => runtimeKindOf(options.agents[name] as AgentInfo) !== 'simulated')
      .sort(),
    startedAt,
    seenAt: new Date().toISOString(),
  });
  // A cancel whose message was missed (the subscriber was reconnecting) is found here.
  const recheckCancels = async () => {
    const keys = [...controllers.keys()].filter((k) => !cancelled.has(k));
    if (!keys.length) return;
    const marks = await redis.mget(...keys.map(cancelledKey));
    keys.forEach((key, i) => {
      if (marks[i] === null) return;
      cancelled.add(key);
      controllers.get(key)?.abort(new Error('cancelled'));
    });
  };
  const beat = () => {
    writePresence(redis, presence()).catch(() => {});
    recheckCancels().catch(() => {});
  };
  void beat();
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  heartbeat.unref();

  let closing: Promise<void> | null = null;
  const handBack = () => {
    handingBack = true;
    for (const controller of controllers.values()) controller.abort(new Error(`worker ${id} shut down`));
  };
  return {
    id,
    ready: () => worker.waitUntilReady().then(() => undefined),
    running: () => controllers.size,
    close(closeOptions = {}) {
      if (closeOptions.handBack) handBack();
      closing ??= (async () => {
        clearInterval(heartbeat);
        const grace = closeOptions.graceMs === undefined ? null : setTimeout(handBack, closeOptions.graceMs);
        await worker.close();
        if (grace) clearTimeout(grace);
        await removePresence(redis, id).catch(() => {});
        stopped = true;
        await Promise.allSettled([subscriber.quit(), redis.quit()]);
        subscriber.disconnect();
        redis.disconnect();
      })();
      return closing;
    },
  };
}

/**
 * A session id from the queue goes on an agent CLI's command line (`codex exec resume ID`):
 * one that is not a plain id (an option, say) starts a new session instead.
 */
function withSafeSession(invocation: StepInvocation): StepInvocation {
  if (invocation.session === undefined || /^[\w][\w.:-]{0,199}$/.test(invocation.session)) return invocation;
  const { session: _dropped, ...rest } = invocation;
  return rest;
}

function failedResult(error: string): StepResult {
  return { status: 'failed', output: '', error };
}

/**
 * The definition the worker runs: a simulated one as the job gives it (it runs no program:
 * an inline simulated agent, or a dry run's stand-in); any other from the worker's own
 * registry, so what a worker executes never comes from the queue. An error text when it has none.
 */
export function definitionFor(
  invocation: StepInvocation,
  agents: AgentCatalog,
  id: string,
): AgentInfo | string {
  if (runtimeKindOf(invocation.definition) === 'simulated') return invocation.definition;
  const own = Object.hasOwn(agents, invocation.agent) ? agents[invocation.agent] : undefined;
  if (own) return own;
  return (
    `worker ${id} has no agent '${invocation.agent}': give the worker the agent's file ` +
    `(baton worker --agents DIR, a folder holding ${invocation.agent}.md)`
  );
}
