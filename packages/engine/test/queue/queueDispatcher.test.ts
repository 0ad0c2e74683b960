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
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentsYaml, compileYaml, forStep, ofType } from '../helpers.js';
import { alive, waitForPids } from '../processes.js';
import { fixtureAgent } from './fixtureAgents.js';
import { freePort, startRedis, type TestRedis } from './redisServer.js';

/**
 * The queue dispatcher against a real Redis, with workers in this process (the worker
 * processes, their kill -9 and the server's are in apps/server/test/queue).
 */

let redis: TestRedis;
let tmp: string;
const open: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  redis = await startRedis();
  tmp = mkdtempSync(join(tmpdir(), 'baton-queue-'));
});
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});
afterAll(async () => {
  expect(await redis.stop()).toEqual([]);
  rmSync(tmp, { recursive: true, force: true });
});

function worker(id: string, agents: AgentCatalog = BUILTIN_AGENTS, concurrency = 2): StepWorker {
  const w = startStepWorker({ redisUrl: redis.url, agents, workspace: tmp, id, concurrency, lockMs: 2000 });
  open.push(w);
  return w;
}

function dispatcher(options: Partial<Parameters<typeof createQueueDispatcher>[0]> = {}): QueueDispatcher {
  const d = createQueueDispatcher({ redisUrl: redis.url, pollMs: 200, ...options });
  open.push(d);
  return d;
}

function runOn(
  d: QueueDispatcher,
  yaml: string,
  options: { agents?: AgentCatalog; runId?: string; previous?: RunEvent[] } = {},
) {
  const agents = options.agents ?? BUILTIN_AGENTS;
  const { document, plan } = compileYaml(yaml, agents);
  const events: RunEvent[] = [...(options.previous ?? [])];
  const handle = startRun({
    runId: options.runId ?? `r-${Math.random().toString(36).slice(2)}`,
    document,
    plan,
    agents,
    speed: 10,
    dispatcher: d,
    ...(options.previous ? { previousEvents: options.previous } : {}),
    onEvent: (e) => events.push(e),
  });
  return { handle, events };
}

const parallel = (agent: string, n: number, extra = '') => `version: 1
${extra}stages:
  - id: s
    pattern: parallel_independent
    tasks:
${Array.from({ length: n }, (_, i) => `      - { agent: ${agent}, task: t${i} }`).join('\n')}
`;

describe('queue dispatcher (real Redis, workers in process)', () => {
  it('runs each step on a worker and records which one ran each attempt', async () => {
    worker('w1');
    worker('w2');
    const { handle, events } = runOn(dispatcher(), parallel('general-purpose', 6));
    const state = await handle.done;
    expect(state.status).toBe('succeeded');
    const ran = ofType(events, 'step.succeeded').map((e) => (e.data as { worker?: string }).worker);
    expect(ran).toHaveLength(6);
    expect(new Set(ran)).toEqual(new Set(['w1', 'w2']));
    for (const [id, step] of Object.entries(state.steps)) {
      expect(step.workers, id).toEqual({ 1: expect.stringMatching(/^w[12]$/) });
      expect(forStep(events, id, 'step.log').map((e) => (e.data as { line: string }).line)).toContain(
        `running on worker ${step.workers?.[1]}`,
      );
    }
  });

  it('a poll looking at jobs as they end never misreads one (300 short steps, polled every ms)', async () => {
    worker('w1', BUILTIN_AGENTS, 16);
    worker('w2', BUILTIN_AGENTS, 16);
    const yaml = parallel('quick', 300, agentsYaml({ quick: 'duration: 5ms' }));
    const { handle, events } = runOn(dispatcher({ pollMs: 1 }), yaml);
    const state = await handle.done;
    expect(ofType(events, 'step.failed').map((e) => (e.data as { error: string }).error)).toEqual([]);
    expect(state.status).toBe('succeeded');
  }, 60_000);

  it("brings a command agent's log lines and result back from the worker", async () => {
    const agents = { ...BUILTIN_AGENTS, echo: fixtureAgent('echo', 'echo-agent.mjs') };
    worker('w1', agents);
    const { handle, events } = runOn(dispatcher(), parallel('echo', 1), { agents });
    const state = await handle.done;
    expect(state.status).toBe('succeeded');
    const lines = forStep(events, 's.task.0', 'step.log').map((e) => (e.data as { line: string }).line);
    expect(lines).toEqual(expect.arrayContaining(['working on it', 'task: t0']));
    const succeeded = ofType(events, 'step.succeeded')[0]?.data as { result: { output: string } } | undefined;
    expect(succeeded?.result.output).toContain('task: t0');
  });

  it("fails a step whose agent the worker does not have, saying so; never runs the server's definition", async () => {
    const serverAgents = { ...BUILTIN_AGENTS, echo: fixtureAgent('echo', 'echo-agent.mjs') };
    worker('w1'); // built-ins only
    const { handle, events } = runOn(dispatcher(), parallel('echo', 1), { agents: serverAgents });
    const state = await handle.done;
    expect(state.status).toBe('failed');
    expect(ofType(events, 'step.failed')[0]?.data).toMatchObject({
      error: expect.stringContaining("worker w1 has no agent 'echo'"),
      worker: 'w1',
    });
  });

  it("a failed attempt retried names the worker it failed on; the retry is one of the step's", async () => {
    worker('w1');
    const yaml = `version: 1
${agentsYaml({ flaky: 'duration: 10ms, fail_rate: 1' })}stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: flaky, task: fails, retries: 1 }
`;
    const { handle, events } = runOn(dispatcher(), yaml);
    const state = await handle.done;
    expect(state.status).toBe('failed');
    const retry = ofType(events, 'step.retrying')[0];
    expect(retry?.data).toMatchObject({ worker: 'w1' });
    expect(retry?.data).not.toHaveProperty('interrupted');
    expect(state.steps['s.task.0']).toMatchObject({ attempt: 2, workers: { 1: 'w1', 2: 'w1' } });
  });

  it('runs inline simulated agents as the job gives them (they run no program)', async () => {
    worker('w1');
    const { handle } = runOn(dispatcher(), parallel('quick', 2, agentsYaml({ quick: 'duration: 10ms' })));
    expect((await handle.done).status).toBe('succeeded');
  });

  it('cancel reaches the agent running on a worker: its process tree is stopped', async () => {
    const pidFile = join(tmp, 'cancel.json');
    const agents = { ...BUILTIN_AGENTS, hang: fixtureAgent('hang', 'hang-agent.mjs', [pidFile]) };
    worker('w1', agents);
    const { handle } = runOn(dispatcher(), parallel('hang', 1), { agents });
    const pids = await waitForPids(pidFile);
    expect(alive(pids)).toHaveLength(2);
    handle.cancel('stop');
    const state = await handle.done;
    expect(state.status).toBe('cancelled');
    const until = Date.now() + 10_000;
    while (alive(pids).length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pids)).toEqual([]);
  });

  it('a step cancelled before any worker takes it is removed from the queue and never runs', async () => {
    const { handle, events } = runOn(dispatcher(), parallel('general-purpose', 1));
    await new Promise((r) => setTimeout(r, 300)); // queued, no worker yet
    handle.cancel('stop');
    expect((await handle.done).status).toBe('cancelled');
    const queue = new Queue('steps', {
      connection: { host: '127.0.0.1', port: redis.port },
      prefix: 'baton',
    });
    open.push(queue);
    const key = `${events[0]?.runId}:s.task.0:1`;
    expect(await queue.getJob(key)).toBeUndefined();
    const w = worker('w1');
    await w.ready();
    await new Promise((r) => setTimeout(r, 300));
    expect(await queue.getJob(key)).toBeUndefined();
  });

  it('hands back a long step at shutdown; it completes on the other worker as attempt 2', async () => {
    const pidFile = join(tmp, 'long.json');
    const w1Agents = { ...BUILTIN_AGENTS, work: fixtureAgent('work', 'hang-agent.mjs', [pidFile]) };
    const w2Agents = { ...BUILTIN_AGENTS, work: fixtureAgent('work', 'echo-agent.mjs') };
    const w1 = worker('w1', w1Agents);
    await w1.ready();
    const { handle, events } = runOn(dispatcher(), parallel('work', 1), { agents: w2Agents });
    await waitForPids(pidFile);
    worker('w2', w2Agents);
    await w1.close({ handBack: true });
    const state = await handle.done;
    expect(state.status).toBe('succeeded');
    expect(state.steps['s.task.0']).toMatchObject({ attempt: 2, workers: { 1: 'w1', 2: 'w2' } });
    expect(ofType(events, 'step.retrying')[0]?.data).toMatchObject({
      interrupted: true,
      worker: 'w1',
      error: expect.stringContaining('worker w1 handed the step back'),
    });
    expect(ofType(events, 'step.succeeded')).toHaveLength(1);
  });

  it('a resumed run collects the attempt in flight by its key: no new attempt, the result the worker left', async () => {
    const agents = {
      ...BUILTIN_AGENTS,
      slowish: {
        name: 'slowish',
        source: 'file',
        runtime: { kind: 'simulated', duration: '3s' },
      } as AgentInfo,
    };
    worker('w1', agents);
    const runId = 'resume-1';
    const first = runOn(dispatcher(), parallel('slowish', 1), { agents, runId });
    // The first process "stops" once the step is on a worker: only its events so far are kept.
    while (!first.events.some((e) => e.type === 'step.log')) await new Promise((r) => setTimeout(r, 10));
    const kept = first.events.slice();
    expect(kept.some((e) => e.type === 'step.succeeded')).toBe(false);
    const second = runOn(dispatcher(), parallel('slowish', 1), { agents, runId, previous: kept });
    const state = await second.handle.done;
    expect(state.status).toBe('succeeded');
    const added = second.events.slice(kept.length);
    expect(added.filter((e) => e.type === 'step.started')).toEqual([]);
    expect(state.steps['s.task.0']).toMatchObject({ attempt: 1, workers: { 1: 'w1' } });
    await first.handle.done;
  });

  it('a resumed run whose in-flight job is gone runs the step again as a new attempt', async () => {
    worker('w1');
    const runId = 'resume-gone';
    const yaml = parallel('general-purpose', 1);
    const { document, plan } = compileYaml(yaml);
    const started: RunEvent[] = [
      { seq: 1, runId, ts: new Date().toISOString(), type: 'run.queued' },
      { seq: 2, runId, ts: new Date().toISOString(), type: 'run.started' },
      { seq: 3, runId, ts: new Date().toISOString(), type: 'stage.started', stageId: 's' },
      { seq: 4, runId, ts: new Date().toISOString(), type: 'step.queued', stageId: 's', stepId: 's.task.0' },
      {
        seq: 5,
        runId,
        ts: new Date().toISOString(),
        type: 'step.started',
        stageId: 's',
        stepId: 's.task.0',
        attempt: 1,
        data: { agent: 'general-purpose', simulated: true },
      },
    ];
    const events = [...started];
    const handle = startRun({
      runId,
      document,
      plan,
      agents: BUILTIN_AGENTS,
      speed: 10,
      dispatcher: dispatcher(),
      previousEvents: started,
      onEvent: (e) => events.push(e),
    });
    const state = await handle.done;
    expect(state.status).toBe('succeeded');
    expect(ofType(events, 'step.retrying')[0]?.data).toMatchObject({ interrupted: true });
    expect(state.steps['s.task.0']?.attempt).toBe(2);
  });

  it('Redis unreachable: the step waits, says so, then fails with a clear error; nothing succeeds', async () => {
    const port = await freePort();
    const d = createQueueDispatcher({
      redisUrl: `redis://127.0.0.1:${port}`,
      pollMs: 100,
      unreachableMs: 1500,
    });
    open.push(d);
    const { handle, events } = runOn(d, parallel('general-purpose', 2));
    const state = await handle.done;
    expect(state.status).toBe('failed');
    expect(ofType(events, 'step.succeeded')).toEqual([]);
    const lines = ofType(events, 'step.log').map((e) => (e.data as { line: string }).line);
    expect(lines.some((l) => l.includes('cannot be reached: waiting for it'))).toBe(true);
    expect(ofType(events, 'step.failed')[0]?.data).toMatchObject({
      error: expect.stringMatching(
        /^Redis at redis:\/\/127\.0\.0\.1:\d+ could not be reached for 1\.5s: the step was not dispatched/,
      ),
    });
    expect(d.reachable()).toBe(false);
  });

  it('lists the workers it hears from, and forgets one that closed', async () => {
    const w1 = worker('w1');
    worker('w2', BUILTIN_AGENTS, 3);
    await w1.ready();
    const d = dispatcher();
    const until = Date.now() + 5000;
    let listed = await d.workers();
    while (listed.length < 2 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      listed = await d.workers();
    }
    expect(listed.map((w) => [w.id, w.concurrency, w.pid])).toEqual([
      ['w1', 2, process.pid],
      ['w2', 3, process.pid],
    ]);
    await w1.close();
    expect((await d.workers()).map((w) => w.id)).toEqual(['w2']);
  });
});
