import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgentCatalog, type AgentInfo, BUILTIN_AGENTS, type RunEvent } from '@baton/core';
import {
  createQueueDispatcher,
  type QueueDispatcher,
  type StepWorker,
  startRun,
  startStepWorker,
} from '@baton/engine';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobLogBatch } from '../../src/queue/jobLogBatch.js';
import { readJobOutcome } from '../../src/queue/stepJob.js';
import { compileYaml, ofType } from '../helpers.js';
import { alive, waitForPids } from '../processes.js';
import { fixtureAgent } from './fixtureAgents.js';
import { startRedis, type TestRedis } from './redisServer.js';

/** What a review of the queue found could go wrong, each shown against a real Redis. */

let redis: TestRedis;
let client: Redis;
let tmp: string;
const open: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  tmp = mkdtempSync(join(tmpdir(), 'baton-queue-faults-'));
});
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});
afterAll(async () => {
  client.disconnect();
  expect(await redis.stop()).toEqual([]);
  rmSync(tmp, { recursive: true, force: true });
});

function worker(id: string, agents: AgentCatalog, lockMs = 2000): StepWorker {
  const w = startStepWorker({ redisUrl: redis.url, agents, workspace: tmp, id, concurrency: 2, lockMs });
  open.push({ close: () => w.close({ handBack: true }) });
  return w;
}

/** Hangs on its first attempt (recording its pid as hang-agent.mjs does), answers on the others. */
const firstAttemptHangs = (pidFile: string): AgentInfo => ({
  name: 'work',
  source: 'file',
  runtime: {
    kind: 'command',
    command: [
      process.execPath,
      '-e',
      `if (process.env.BATON_ATTEMPT === '1') {
        require('fs').appendFileSync(${JSON.stringify(pidFile)}, JSON.stringify({ child: process.pid, grandchild: process.pid }) + String.fromCharCode(10));
        setInterval(() => {}, 1000);
      } else console.log('done on attempt ' + process.env.BATON_ATTEMPT);`,
    ],
  },
});
function dispatcher(): QueueDispatcher {
  const d = createQueueDispatcher({ redisUrl: redis.url, pollMs: 200 });
  open.push(d);
  return d;
}
function runOn(d: QueueDispatcher, agent: string, agents: AgentCatalog) {
  const { document, plan } = compileYaml(
    `version: 1\nstages:\n  - id: s\n    pattern: parallel_independent\n    tasks:\n      - { agent: ${agent}, task: work }\n`,
    agents,
  );
  const events: RunEvent[] = [];
  const runId = `r-${Math.random().toString(36).slice(2)}`;
  const handle = startRun({ runId, document, plan, agents, dispatcher: d, onEvent: (e) => events.push(e) });
  return { handle, events, key: `${runId}:s.task.0:1` };
}

describe('queue faults', () => {
  it("no server definition goes into Redis: a command agent's argv and env stay on the server", async () => {
    const secret = 'sk-not-for-redis';
    const serverAgents = {
      ...BUILTIN_AGENTS,
      echo: fixtureAgent('echo', 'echo-agent.mjs', [], { API_KEY: secret }),
    };
    worker('w1', { ...BUILTIN_AGENTS, echo: fixtureAgent('echo', 'echo-agent.mjs') });
    const { handle, key } = runOn(dispatcher(), 'echo', serverAgents);
    expect((await handle.done).status).toBe('succeeded');
    const stored = await client.hgetall(`baton:steps:${key}`);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain('echo-agent.mjs');
    expect(JSON.parse(stored.data as string).definition).toEqual({
      name: 'echo',
      source: 'file',
      runtime: { kind: 'command' },
    });
  });

  it('Redis refusing a command (out of memory) is no outage: the step fails saying why, the next one runs', async () => {
    worker('w1', BUILTIN_AGENTS);
    const d = dispatcher();
    await client.config('SET', 'maxmemory-policy', 'noeviction');
    await client.config('SET', 'maxmemory', '1');
    const refused = runOn(d, 'general-purpose', BUILTIN_AGENTS);
    const state = await refused.handle.done;
    await client.config('SET', 'maxmemory', '0');
    expect(state.status).toBe('failed');
    expect(ofType(refused.events, 'step.failed')[0]?.data).toMatchObject({
      error: expect.stringMatching(/^the queue refused the step: OOM/),
    });
    expect(d.reachable()).toBe(true);
    const next = runOn(d, 'general-purpose', BUILTIN_AGENTS);
    expect((await next.handle.done).status).toBe('succeeded');
  });

  it('a worker that loses its hold on a step stops that agent; the step runs again elsewhere', async () => {
    const pidFile = join(tmp, 'lost.json');
    const agents = { ...BUILTIN_AGENTS, work: firstAttemptHangs(pidFile) };
    const w1 = worker('w1', agents, 1500);
    await w1.ready();
    const { handle, events, key } = runOn(dispatcher(), 'work', agents);
    const pids = await waitForPids(pidFile).catch((e) => {
      throw new Error(`${e.message}\n${JSON.stringify(events.map((x) => [x.type, x.data]))}`);
    });
    worker('w2', agents, 1500);
    // w1's hold on the step goes, as when it froze or Redis lost it.
    await client.del(`baton:steps:${key}:lock`);
    const state = await handle.done;
    expect(state.status).toBe('succeeded');
    expect(state.steps['s.task.0']).toMatchObject({ attempt: 2, workers: { 1: 'w1' } });
    expect(ofType(events, 'step.retrying')[0]?.data).toMatchObject({ interrupted: true, worker: 'w1' });
    const until = Date.now() + 10_000;
    while (alive(pids).length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pids)).toEqual([]);
  }, 40_000);

  it('a cancel whose message the worker missed is found on its next heartbeat', async () => {
    const pidFile = join(tmp, 'missed.json');
    const hang = { ...BUILTIN_AGENTS, work: fixtureAgent('work', 'hang-agent.mjs', [pidFile]) };
    worker('w1', hang);
    const { handle } = runOn(dispatcher(), 'work', hang);
    const pids = await waitForPids(pidFile);
    // Its subscriber is cut off just then (it reconnects, but the message is gone).
    await client.client('KILL', 'TYPE', 'pubsub');
    handle.cancel('stop');
    expect((await handle.done).status).toBe('cancelled');
    const until = Date.now() + 10_000;
    while (alive(pids).length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pids)).toEqual([]);
  }, 30_000);

  it('a result read from Redis is checked field by field', () => {
    expect(
      readJobOutcome({ worker: 'w', result: { status: 'succeeded', output: 'x', findings: 'not a list' } }),
    ).toEqual({
      worker: 'w',
      result: { status: 'succeeded', output: 'x' },
    });
    expect(readJobOutcome({ worker: 'w', result: { status: 'done' } })).toBeNull();
    expect(readJobOutcome({ worker: 1, result: { status: 'failed', output: '' } })).toBeNull();
    expect(
      readJobOutcome({ worker: 'w', result: { status: 'failed', output: 1, verdict: 'maybe', error: 'e' } }),
    ).toEqual({ worker: 'w', result: { status: 'failed', output: '', error: 'e' } });
  });

  it('log lines wait for Redis one batch at a time, bounded: a chatty agent cannot grow the worker', async () => {
    const queue = new Queue('faults-logs', { connection: { host: '127.0.0.1', port: redis.port } });
    open.push(queue);
    const job = await queue.add('x', {});
    const sent: number[] = [];
    let release: () => void = () => {};
    const stuck = new Promise<void>((r) => {
      release = r;
    });
    // Redis that does not answer the first batch for a while.
    job.updateProgress = (async (progress: { logs: unknown[] }) => {
      sent.push(progress.logs.length);
      if (sent.length === 1) await stuck;
    }) as typeof job.updateProgress;
    const batch = new JobLogBatch(job, () => {});
    for (let i = 0; i < 200_000; i++) batch.push('stdout', `line ${i}`);
    expect(sent).toEqual([500]); // one batch in flight, the rest waiting here
    release();
    await batch.flush();
    const total = sent.reduce((a, b) => a + b, 0);
    expect(total).toBe(500 + 10_000 + 1); // what waited (at most 10,000) and the note of the drop
    expect(Math.max(...sent)).toBeLessThanOrEqual(500);
  });
});
