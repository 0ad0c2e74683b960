/**
 * Queue dispatcher benchmark (issue 11). Prints and writes bench/results/queue.json:
 *  1. steps/s of a 2,000-step fan-out of short simulated steps (fixed duration, no jitter, no
 *     failures) run through the queue dispatcher with 1, 2 and 4 `baton worker` processes (a
 *     fresh Redis for each count), and of the same plan with the local dispatcher in this run;
 *  2. the per-step dispatch overhead: (queue wall time − local wall time) / steps, against the
 *     local dispatcher with the plan as it is (no limit: every step at once) and with the plan
 *     capped at the workers' slots (the same concurrency, so only the dispatch differs);
 *  3. the round trip of one step: a chain of 200 steps, each needing the one before,
 *     (queue − local) / 200;
 *  4. CPU per step of this process (scheduler + dispatcher), the workers and redis-server.
 * Run: npm run bench:queue (it builds first: the workers are `node apps/cli/bin/baton.js
 * worker`, which runs from dist; this process runs the same compiled engine).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { BUILTIN_AGENTS, type RunState } from '@baton/core';
import { createQueueDispatcher, type Dispatcher, realClock, startRun } from '@baton/engine';
import { kill9, startWorker, type WorkerProcess } from '../apps/server/test/queue/queueCluster.js';
import { startRedis, type TestRedis } from '../packages/engine/test/queue/redisServer.js';
import { type Bench, chain, fanOut } from './queue/benchPlans.js';
import { ownCpuMs, processCpuMs, redisCpuMs, redisInfo } from './queue/processCpu.js';

const FAN_OUT = Number(process.env.BENCH_QUEUE_STEPS ?? 2000);
const CHAIN = 200;
const STEP_MS = 5;
const WORKER_COUNTS = [1, 2, 4];
/** Steps each worker runs at once (`baton worker --concurrency`). */
const WORKER_CONCURRENCY = Number(process.env.BENCH_QUEUE_CONCURRENCY ?? 16);
/** The CLI's default: a shorter lock (the cluster tests use 2 s) renews more often. */
const LOCK_MS = 30_000;
const REPEATS = Number(process.env.BENCH_QUEUE_REPEATS ?? 3);
const WARM_UP_STEPS = 200;
/**
 * The dispatcher's poll of steps in flight (unset: its default, 2 s). A longer one keeps the
 * poll's lookups out of the runs.
 */
const POLL_MS = process.env.BENCH_QUEUE_POLL_MS ? Number(process.env.BENCH_QUEUE_POLL_MS) : undefined;

interface Cpu {
  redis?: number;
  workers?: WorkerProcess[];
}

interface Timed {
  wallMs: number;
  /** CPU ms per step: this process, the workers together, redis-server. */
  cpuPerStepMs: { bench: number; workers?: number; redis?: number };
  /** Steps each worker ran (queue runs). */
  stepsPerWorker?: Record<string, number>;
}

let runs = 0;

/** One run to its end; fails the bench unless every step succeeded (on a worker, for the queue). */
async function timed(bench: Bench, dispatcher: Dispatcher | undefined, cpu: Cpu = {}): Promise<Timed> {
  const runId = `bench-${++runs}`;
  const workerCpu = () => (cpu.workers ?? []).reduce((s, w) => s + (processCpuMs(w.child.pid ?? 0) ?? 0), 0);
  const redis0 = cpu.redis === undefined ? 0 : redisCpuMs(cpu.redis);
  const workers0 = workerCpu();
  const own0 = ownCpuMs();
  const t0 = performance.now();
  const handle = startRun({
    runId,
    document: bench.document,
    plan: bench.plan,
    agents: BUILTIN_AGENTS,
    clock: realClock,
    ...(dispatcher ? { dispatcher } : {}),
    onEvent: () => {},
  });
  const state = await handle.done;
  const wallMs = performance.now() - t0;
  const steps = bench.plan.steps.length;
  const cpuPerStepMs: Timed['cpuPerStepMs'] = { bench: per(ownCpuMs() - own0, steps) };
  if (cpu.workers) cpuPerStepMs.workers = per(workerCpu() - workers0, steps);
  if (cpu.redis !== undefined) cpuPerStepMs.redis = per(redisCpuMs(cpu.redis) - redis0, steps);
  const result: Timed = { wallMs: round(wallMs, 1), cpuPerStepMs };
  const ran = checkRun(bench, state, dispatcher !== undefined);
  if (dispatcher) result.stepsPerWorker = ran;
  return result;
}

function checkRun(bench: Bench, state: RunState, queued: boolean): Record<string, number> {
  const wrong: string[] = [];
  const perWorker: Record<string, number> = {};
  if (state.status !== 'succeeded') wrong.push(`the run ${state.status}: ${state.error ?? ''}`);
  for (const step of bench.plan.steps) {
    const s = state.steps[step.id];
    if (s?.status !== 'succeeded')
      wrong.push(`${step.id} ${s?.status ?? 'missing'}${s?.error ? `: ${s.error}` : ''}`);
    else if (s.attempt !== 1) wrong.push(`${step.id} took ${s.attempt} attempts`);
    const worker = s?.workers?.[String(s.attempt)];
    if (queued && !worker) wrong.push(`${step.id} names no worker`);
    if (worker) perWorker[worker] = (perWorker[worker] ?? 0) + 1;
  }
  if (wrong.length)
    throw new Error(`${bench.name}: ${wrong.length} wrong:\n  ${wrong.slice(0, 10).join('\n  ')}`);
  return perWorker;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const per = (ms: number, steps: number) => round(ms / steps, 4);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Repeated {
  steps: number;
  runsMs: number[];
  medianMs: number;
  stepsPerSecond: number;
  /** Of the median run. */
  cpuPerStepMs: Timed['cpuPerStepMs'];
  stepsPerWorker?: Record<string, number>;
}

interface ByWorkers {
  workers: number;
  slots: number;
  queue: Repeated;
  localSameSlots: Repeated;
  overheadPerStepMs: { vsLocalSameSlots: number; vsLocal: number };
}

/** REPEATS timed runs; the figure is the median wall time. */
async function repeated(bench: Bench, dispatcher: Dispatcher | undefined, cpu: Cpu = {}): Promise<Repeated> {
  const all: Timed[] = [];
  for (let i = 0; i < REPEATS; i++) all.push(await timed(bench, dispatcher, cpu));
  const wall = all.map((r) => r.wallMs);
  const mid = median(wall);
  const steps = bench.plan.steps.length;
  const middle = all.find((r) => r.wallMs === mid) as Timed;
  return {
    steps,
    runsMs: wall,
    medianMs: mid,
    stepsPerSecond: Math.round(steps / (mid / 1000)),
    cpuPerStepMs: middle.cpuPerStepMs,
    ...(middle.stepsPerWorker ? { stepsPerWorker: middle.stepsPerWorker } : {}),
  };
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  worker.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((r) => {
    timer = setTimeout(r, 10_000, 'late');
  });
  const outcome = await Promise.race([worker.exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') await kill9(worker.child);
}

const fan = fanOut(FAN_OUT, STEP_MS);
const line = chain(CHAIN, STEP_MS);
const warmUp = fanOut(WARM_UP_STEPS, STEP_MS);
const startedAt = new Date();
const load = loadavg().map((l) => round(l, 2));
console.log(`Queue benchmark: ${fan.plan.steps.length}-step fan-out of ${STEP_MS} ms simulated steps`);

// The local dispatcher first: it warms this process's engine up too.
await timed(warmUp, undefined);
const localFanOut = await repeated(fan, undefined);
const localChain = await repeated(line, undefined);
console.log(`  local: fan-out ${localFanOut.medianMs} ms, chain ${localChain.medianMs} ms`);

let redisVersion = '';
const byWorkers: ByWorkers[] = [];
let queueChain: Repeated | null = null;
for (const count of WORKER_COUNTS) {
  const slots = count * WORKER_CONCURRENCY;
  const capped = fanOut(FAN_OUT, STEP_MS, slots);
  const localCapped = await repeated(capped, undefined);
  const redis: TestRedis = await startRedis();
  const workers: WorkerProcess[] = [];
  const dispatcher = createQueueDispatcher({ redisUrl: redis.url, ...(POLL_MS ? { pollMs: POLL_MS } : {}) });
  try {
    redisVersion ||= redisInfo(redis.port, 'server').redis_version ?? '';
    for (let i = 1; i <= count; i++) {
      workers.push(
        await startWorker(redis.url, { id: `bench-w${i}`, concurrency: WORKER_CONCURRENCY, lockMs: LOCK_MS }),
      );
    }
    // Their start line comes before they are connected: wait for their presence in Redis too.
    for (let t = 0; (await dispatcher.workers()).length < count; t++) {
      if (t > 100)
        throw new Error(`only ${(await dispatcher.workers()).length} of ${count} workers connected`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await timed(warmUp, dispatcher);
    const cpu = { redis: redis.port, workers };
    const queued = await repeated(fan, dispatcher, cpu);
    if (count === 1) queueChain = await repeated(line, dispatcher, cpu);
    const steps = fan.plan.steps.length;
    const entry: ByWorkers = {
      workers: count,
      slots,
      queue: queued,
      localSameSlots: localCapped,
      overheadPerStepMs: {
        vsLocalSameSlots: per(queued.medianMs - localCapped.medianMs, steps),
        vsLocal: per(queued.medianMs - localFanOut.medianMs, steps),
      },
    };
    byWorkers.push(entry);
    console.log(
      `  ${count} worker${count === 1 ? ' ' : 's'} (${slots} slots): ${queued.medianMs} ms, ${queued.stepsPerSecond} steps/s; local with ${slots} slots ${localCapped.medianMs} ms → +${entry.overheadPerStepMs.vsLocalSameSlots} ms per step`,
    );
  } finally {
    await dispatcher.close();
    await Promise.all(workers.map(stopWorker));
    const left = await redis.stop();
    if (left.length) console.warn(`  redis left files behind: ${left.join(', ')}`);
  }
}

const steps = fan.plan.steps.length;
const chainResult = queueChain
  ? {
      steps: line.plan.steps.length,
      workers: 1,
      queue: queueChain,
      local: localChain,
      roundTripPerStepMs: per(queueChain.medianMs - localChain.medianMs, line.plan.steps.length),
    }
  : null;
const report = {
  benchmark: 'queue',
  date: startedAt.toISOString(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? '',
    node: process.version,
    redisServer: redisVersion,
    loadAverageAtStart: load,
  },
  settings: {
    fanOutTasks: FAN_OUT,
    planSteps: steps,
    chainSteps: CHAIN,
    stepMs: STEP_MS,
    workerCounts: WORKER_COUNTS,
    workerConcurrency: WORKER_CONCURRENCY,
    workerLockMs: LOCK_MS,
    planMaxConcurrent: null,
    dispatcherPollMs: POLL_MS ?? 'default (2000)',
    repeats: REPEATS,
    warmUpSteps: WARM_UP_STEPS,
  },
  method:
    `One process runs the scheduler (the compiled engine from dist, real clock, events to a no-op listener) with the queue dispatcher (createQueueDispatcher, ${POLL_MS ? `its poll of steps in flight every ${POLL_MS} ms (BENCH_QUEUE_POLL_MS), the rest default` : 'default settings'}) or the local one. For each worker count: a fresh redis-server on a free loopback port (no persistence), that many \`baton worker --concurrency ${WORKER_CONCURRENCY} --lock-ms ${LOCK_MS}\` processes (stdout read by the bench), started and seen in Redis before a ${WARM_UP_STEPS}-step warm-up run, then ${REPEATS} timed runs; the figure is the median. Wall time from startRun to done; every step must succeed on its first attempt (on a worker, for the queue) or the bench fails. The plan is a fan_out_fan_in stage: ${FAN_OUT} fan-out steps and the fan-in, simulated agents of ${STEP_MS} ms, no jitter, no failures, no concurrency limit (the workers' slots are the limit). ` +
    'overheadPerStepMs.vsLocalSameSlots = (queue median − local median with the fan-out capped at the workers\u2019 slots) / steps: what dispatching through Redis adds per step at the same concurrency; vsLocal = (queue median − local median of the uncapped plan, every step at once) / steps: what running on the workers costs against one process with no limit. chain.roundTripPerStepMs = (queue − local) / steps of a chain of one-step stages on 1 worker, each stage needing the one before (handed its result alone): the latency one step adds when it goes through the queue. cpuPerStepMs: CPU (user + system) per step of the bench process (scheduler + dispatcher), of the worker processes together (/proc) and of redis-server (INFO cpu). On a 2-core machine the workers, Redis and the scheduler share the cores.',
  local: { fanOut: localFanOut },
  byWorkers,
  chain: chainResult,
};
writeFileSync(new URL('./results/queue.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);

console.log(
  `\nQueue benchmark (${report.machine.cpus} × ${report.machine.model}, Node ${process.version}, Redis ${redisVersion})`,
);
console.log(
  `  ${steps}-step fan-out, ${STEP_MS} ms steps, ${WORKER_CONCURRENCY} slots per worker, median of ${REPEATS}`,
);
console.log(
  '  dispatcher       wall ms   steps/s   +ms/step vs local (same slots / no limit)   CPU ms/step bench·workers·redis',
);
const row = (label: string, r: Repeated, extra: string) =>
  console.log(
    `  ${label.padEnd(15)} ${String(r.medianMs).padStart(8)} ${String(r.stepsPerSecond).padStart(9)}   ${extra.padEnd(42)} ${[r.cpuPerStepMs.bench, r.cpuPerStepMs.workers, r.cpuPerStepMs.redis].filter((x) => x !== undefined).join(' · ')}`,
  );
row('local', localFanOut, '');
for (const e of byWorkers)
  row(
    `queue × ${e.workers}`,
    e.queue,
    `${e.overheadPerStepMs.vsLocalSameSlots} / ${e.overheadPerStepMs.vsLocal}`,
  );
if (chainResult)
  console.log(
    `  ${CHAIN}-step chain on 1 worker: queue ${chainResult.queue.medianMs} ms, local ${chainResult.local.medianMs} ms → ${chainResult.roundTripPerStepMs} ms round trip per step`,
  );
console.log('  written to bench/results/queue.json');
