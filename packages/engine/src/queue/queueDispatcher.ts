import { formatDuration, type StepResult } from '@baton/core';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { Dispatcher, StepInvocation } from '../contract.js';
import { StepInterruptedError } from '../dispatch/stepInterrupted.js';
import { messageOf } from '../runtimes/agentRuntime.js';
import { endedWith, failedInQueue, type InFlight, takenBy } from './inFlightStep.js';
import { redisOptions, shownRedisUrl } from './redisConnection.js';
import {
  CANCEL_CHANNEL,
  CANCELLED_TTL_S,
  cancelledKey,
  jobData,
  QUEUE_PREFIX,
  readJobProgress,
  STEP_QUEUE,
  type StepJobData,
  type StepJobOutcome,
} from './stepJob.js';
import { readPresence, type WorkerPresence } from './workerPresence.js';

export interface QueueDispatcherOptions {
  redisUrl: string;
  /**
   * While Redis cannot be reached, a step waits (its log says so) this long, then fails: not
   * dispatched, or its result unknown. Default 2 minutes.
   */
  unreachableMs?: number;
  /** How often steps in flight are looked up in Redis, for ends its events did not bring. Default 2 s. */
  pollMs?: number;
  /** A step no worker has taken for this long says so in its log. Default 5 s. */
  waitingNoticeMs?: number;
  /** Told when Redis goes away and comes back (the server logs it). */
  onConnection?: (state: 'up' | 'down', detail?: string) => void;
}

/** The queue dispatcher (docs/design.md §3.4): each attempt a BullMQ job that `baton worker` runs. */
export interface QueueDispatcher extends Dispatcher {
  readonly collectsInterrupted: true;
  /** Redis answers now. */
  reachable(): boolean;
  /** Workers heard of in the last 15 s. */
  workers(): Promise<WorkerPresence[]>;
  close(): Promise<void>;
}

/**
 * Jobs kept after they end: a server that was down collects their results (a day, or the last
 * 10,000: a job holds its inputs, so Redis's memory is the bound).
 */
const KEEP = { age: 86_400, count: 10_000 };
/** A job that ended this recently is left to its event (which brings its last log lines). */
const RECENT_END_MS = 1000;
/** Steps looked up per poll at most (the rest wait for a later one). */
const POLL_BATCH = 200;

/**
 * Dispatch each attempt as a BullMQ job keyed `runId:stepId:attempt` and wait for its end.
 * The scheduler stays where it is; only the agent's call travels. Ends come from the queue's
 * events, and a poll finds those an event did not bring (a server restarted, Redis
 * restarted): a job that is gone, or stalled (its worker died), is a lost attempt
 * (`StepInterruptedError`), which the engine runs again, counted.
 */
export function createQueueDispatcher(options: QueueDispatcherOptions): QueueDispatcher {
  let closed = false;
  const connection = redisOptions(options.redisUrl, () => closed);
  const shown = shownRedisUrl(options.redisUrl);
  const unreachableMs = options.unreachableMs ?? 120_000;
  const pollMs = options.pollMs ?? 2000;
  const waitingNoticeMs = options.waitingNoticeMs ?? 5000;
  const queue = new Queue<StepJobData, StepJobOutcome>(STEP_QUEUE, { connection, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(STEP_QUEUE, { connection, prefix: QUEUE_PREFIX });
  const redis = new Redis(connection);
  const inFlight = new Map<string, InFlight>();
  /** Since when the connection is not ready (null: it is). A reply error is no outage. */
  let downSince: number | null = null;
  let lastError = '';
  const noteConnection = () => {
    const up = redis.status === 'ready';
    if (up && downSince !== null) {
      downSince = null;
      options.onConnection?.('up');
    } else if (!up && downSince === null) {
      downSince = Date.now();
      options.onConnection?.('down', lastError || `connection ${redis.status}`);
    }
  };
  const onError = (error: unknown) => {
    lastError = messageOf(error);
    noteConnection();
  };
  queue.on('error', onError);
  events.on('error', onError);
  redis.on('error', onError);
  redis.on('ready', noteConnection);
  redis.on('close', noteConnection);
  redis.on('end', noteConnection);

  /** A job as Redis has it now: ended, running somewhere, waiting, or gone. */
  const check = async (entry: InFlight) => {
    // The state first, then the job: a job read before it ended has no return value yet.
    const state = await queue.getJobState(entry.key);
    if (!inFlight.has(entry.key)) return;
    if (state === 'unknown') {
      entry.fail(
        new StepInterruptedError(
          "the queue no longer has this step's job (was Redis restarted without its data?)",
          entry.worker ?? undefined,
        ),
      );
      return;
    }
    if (state !== 'completed' && state !== 'failed' && state !== 'active') return;
    const job = await queue.getJob(entry.key);
    if (!job || !inFlight.has(entry.key)) return; // gone meanwhile: the next look says so
    // Just ended: its last log lines may still be on their way with the event, which settles it.
    if (state === 'completed' && Date.now() - (job.finishedOn ?? 0) < RECENT_END_MS) return;
    if (state === 'completed') endedWith(entry, job.returnvalue);
    else if (state === 'failed') failedInQueue(entry, job.failedReason ?? 'failed', job.processedBy ?? null);
    else if (job.processedBy) takenBy(entry, job.processedBy);
  };

  events.on('progress', ({ jobId, data }) => {
    const entry = inFlight.get(jobId);
    const progress = entry ? readJobProgress(data) : null;
    if (!entry || !progress) return;
    if (progress.worker) takenBy(entry, progress.worker);
    for (const [stream, line] of progress.logs ?? []) entry.context.log(stream, line);
  });
  events.on('completed', ({ jobId, returnvalue }) => {
    const entry = inFlight.get(jobId);
    if (entry) endedWith(entry, returnvalue);
  });
  // BullMQ found the job's lock expired (its worker died or froze): lost now, though the job
  // itself is only failed when a worker next takes it.
  events.on('stalled', ({ jobId }) => {
    const entry = inFlight.get(jobId);
    if (entry) failedInQueue(entry, 'stalled', null);
  });
  events.on('failed', ({ jobId, failedReason }) => {
    const entry = inFlight.get(jobId);
    if (!entry) return;
    // Which worker had it is on the job; its failure is settled either way.
    queue.getJob(jobId).then(
      (job) => failedInQueue(entry, failedReason, job?.processedBy ?? null),
      () => failedInQueue(entry, failedReason, null),
    );
  });

  const poll = () => {
    noteConnection();
    if (!inFlight.size) return;
    const now = Date.now();
    if (downSince !== null) {
      for (const entry of inFlight.values()) {
        if (!entry.noticed.down) {
          entry.noticed.down = true;
          entry.context.log(
            'info',
            `Redis at ${shown} cannot be reached: waiting for it (the step fails after ${formatDuration(unreachableMs)})`,
          );
        }
        if (now - Math.max(downSince, entry.since) >= unreachableMs) {
          entry.fail(
            new Error(
              `Redis at ${shown} could not be reached for ${formatDuration(unreachableMs)}: ` +
                (entry.addedAt === null && !entry.context.collect
                  ? 'the step was not dispatched'
                  : "the step's result is unknown"),
            ),
          );
        }
      }
      return;
    }
    let checked = 0;
    const waitingNow: InFlight[] = [];
    for (const entry of [...inFlight.values()]) {
      entry.noticed.down = false;
      if (entry.addedAt === null) {
        if (now - entry.since >= unreachableMs)
          entry.fail(new Error('the step could not be put on the queue'));
        continue;
      }
      if (!entry.worker && !entry.noticed.waiting && now - entry.addedAt >= waitingNoticeMs) {
        entry.noticed.waiting = true;
        waitingNow.push(entry);
      }
      if (checked >= POLL_BATCH) continue;
      checked++;
      // Looked at again last: the next poll starts with the others.
      inFlight.delete(entry.key);
      inFlight.set(entry.key, entry);
      check(entry).catch(() => {}); // Redis's trouble: the next poll looks again
    }
    sayWaiting(waitingNow);
  };
  // One read of the workers for every step that has waited long: how many there are.
  const sayWaiting = (entries: InFlight[]) => {
    if (!entries.length) return;
    readPresence(redis).then(
      (workers) => {
        const slots = workers.reduce((n, w) => n + w.concurrency, 0);
        const line =
          `waiting for a worker: none has taken this step for ${formatDuration(waitingNoticeMs)} ` +
          `(${workers.length} worker${workers.length === 1 ? '' : 's'} with ${slots} slot${slots === 1 ? '' : 's'} connected to ${shown})`;
        for (const entry of entries) if (!entry.worker) entry.context.log('info', line);
      },
      () => {},
    );
  };
  const timer = setInterval(poll, pollMs);
  timer.unref();

  const cancel = (entry: InFlight) => {
    // Wherever it is: a worker running it stops it; one that takes it later skips it (the key
    // first: a worker that misses the message finds it on its next look).
    redis
      .set(cancelledKey(entry.key), '1', 'EX', CANCELLED_TTL_S)
      .catch(() => {})
      .then(() => redis.publish(CANCEL_CHANNEL, entry.key))
      .catch(() => {});
    queue.remove(entry.key).then(
      (removed) => {
        if (removed === 1)
          entry.settle({ status: 'failed', output: '', error: 'cancelled before a worker took it' });
      },
      () => {},
    );
  };

  const dispatch = async (entry: InFlight, invocation: StepInvocation) => {
    if (entry.context.collect) {
      // An attempt a process before this one started: found by its key, never added again.
      const existing = await queue.getJob(entry.key);
      if (!inFlight.has(entry.key)) return;
      if (!existing) {
        entry.fail(
          new StepInterruptedError("the queue no longer has the job of this step's interrupted attempt"),
        );
        return;
      }
      entry.addedAt = Date.now();
      await check(entry);
      return;
    }
    // A key already on the queue (a crash between adding a job and storing that it started) is
    // not added twice: BullMQ keeps the job it has, and the poll finds how it ended.
    await queue.add('step', jobData(invocation), {
      jobId: entry.key,
      // Retries are the engine's (each a new attempt, a new key): one try per job.
      attempts: 1,
      removeOnComplete: KEEP,
      removeOnFail: KEEP,
    });
    entry.addedAt = Date.now();
    if (!inFlight.has(entry.key)) {
      // Settled meanwhile (cancelled, or Redis unreachable too long): it must not run.
      redis.set(cancelledKey(entry.key), '1', 'EX', CANCELLED_TTL_S).catch(() => {});
      queue.remove(entry.key).catch(() => {});
    }
  };

  return {
    collectsInterrupted: true,
    execute(invocation, context) {
      if (closed) return Promise.reject(new Error('the queue dispatcher is closed'));
      return new Promise<StepResult>((resolve, reject) => {
        const key = invocation.key;
        const previous = inFlight.get(key);
        previous?.fail(new Error('the attempt was dispatched again'));
        const onAbort = () => cancel(entry);
        const done = () => {
          inFlight.delete(key);
          context.signal.removeEventListener('abort', onAbort);
        };
        const entry: InFlight = {
          key,
          context,
          since: Date.now(),
          addedAt: null,
          worker: null,
          noticed: {},
          settle: (result) => {
            if (inFlight.get(key) !== entry) return;
            done();
            resolve(result);
          },
          fail: (error) => {
            if (inFlight.get(key) !== entry) return;
            done();
            reject(error);
          },
        };
        inFlight.set(key, entry);
        context.signal.addEventListener('abort', onAbort, { once: true });
        dispatch(entry, invocation).catch((error: unknown) => {
          // Unreachable: the poll bounds the wait. Reachable: Redis refused it (out of memory, a
          // key BullMQ will not take), which waiting does not mend.
          if (redis.status === 'ready')
            entry.fail(new Error(`the queue refused the step: ${messageOf(error)}`));
        });
      });
    },
    reachable: () => downSince === null && redis.status === 'ready',
    workers: () => readPresence(redis),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      // Their jobs go on on the workers (a server that stops leaves them to the next start).
      for (const entry of [...inFlight.values()]) entry.fail(new Error('the queue dispatcher closed'));
      const bound = downSince === null ? 2000 : 200; // a Redis that is gone cannot be told goodbye
      await settleWithin(bound, Promise.allSettled([events.close(), queue.close(), redis.quit()]));
      // Against a Redis that is gone, closing waits for ever: cut the connections (and their
      // reconnecting, which would keep the process alive).
      await settleWithin(bound, Promise.allSettled([events.disconnect(), queue.disconnect()]));
      redis.disconnect();
    },
  };
}

/** Wait for `work`, or give up after `ms` (closing against a Redis that is gone). */
function settleWithin(ms: number, work: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
