import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthResponse, RunEvent, WorkersResponse } from '@baton/core';
import { afterEach, describe, expect, it } from 'vitest';
import { kill9, type QueueCluster, startQueueCluster, type WorkerProcess } from './queueCluster.js';
import { api, postRun, runEvents, waitForRunEnd, workerEnds, workerStarts } from './queueRunClient.js';

/**
 * Done when (issue 11), with real processes: a worker killed -9 mid-step, Redis restarted
 * during a run, the server killed -9 while workers run its steps. Workers hold a step for
 * 2 s without renewing (`--lock-ms 2000`), so a dead one is found within a few seconds.
 */

let cluster: QueueCluster | null = null;
let dataDir = '';

afterEach(async () => {
  if (cluster) expect(await cluster.stop()).toEqual([]);
  cluster = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function cluster2(concurrency: number): Promise<QueueCluster> {
  dataDir = mkdtempSync(join(tmpdir(), 'baton-queue-fail-'));
  cluster = await startQueueCluster({
    dataDir,
    workers: [
      { id: 'wA', concurrency },
      { id: 'wB', concurrency },
    ],
  });
  return cluster;
}

/** Inline simulated agents (all a posted file may define) that take `duration` at speed 1. */
const slowAgents = (duration: string) => `agents:
  slow: { runtime: { kind: simulated, duration: ${duration} } }
  quick: { runtime: { kind: simulated, duration: 200ms } }
`;

const allOutput = (c: QueueCluster) => c.workers.map((w) => w.output()).join('\n');

/** No step is reported succeeded twice, and each success is one a worker says it finished. */
function expectHonestSuccesses(events: readonly RunEvent[], output: string, runId: string): void {
  const succeeded = events.filter((e) => e.type === 'step.succeeded' && e.stepId);
  const ids = succeeded.map((e) => e.stepId);
  expect(new Set(ids).size, 'a step reported succeeded twice').toBe(ids.length);
  const finished = new Set(
    workerEnds(output, runId)
      .filter((e) => e.status === 'succeeded')
      .map((e) => e.key),
  );
  for (const e of succeeded)
    expect(finished, `${e.stepId} attempt ${e.attempt}`).toContain(`${runId}:${e.stepId}:${e.attempt}`);
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the queue when processes die (real Redis, baton serve, baton worker)', () => {
  it('kill -9 one of two workers while it runs a step: the run completes, that step has 2 attempts, none succeeded twice', async () => {
    const c = await cluster2(1);
    const yaml = `version: 1
${slowAgents('4s')}stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: slow, task: one }
      - { agent: slow, task: two }
`;
    const runId = await postRun(c.server.url, { yaml });
    // Both are running, one on each worker (concurrency 1): kill the one running s.task.0.
    await until(() => workerStarts(allOutput(c), runId).length === 2, 'both steps to start');
    const victim = c.workers.find((w) =>
      workerStarts(w.output(), runId).includes('s.task.0:1'),
    ) as WorkerProcess;
    const survivor = c.workers.find((w) => w !== victim) as WorkerProcess;
    await kill9(victim.child);

    const run = await waitForRunEnd(c.server.url, runId, 60_000);
    expect(run.status).toBe('succeeded');
    expect(run.steps['s.task.0']).toMatchObject({
      status: 'succeeded',
      attempt: 2,
      workers: { 1: victim.id, 2: survivor.id },
    });
    expect(run.steps['s.task.1']).toMatchObject({ status: 'succeeded', attempt: 1 });
    const events = await runEvents(c.server.url, runId);
    const lost = events.filter((e) => e.type === 'step.retrying');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ stepId: 's.task.0', attempt: 1 });
    expect(lost[0]?.data).toMatchObject({
      interrupted: true,
      worker: victim.id,
      error: expect.stringContaining(`worker ${victim.id} stopped answering`),
    });
    // The second attempt started after the first was declared lost.
    const starts = events.filter((e) => e.type === 'step.started' && e.stepId === 's.task.0');
    expect(starts.map((e) => e.attempt)).toEqual([1, 2]);
    expectHonestSuccesses(events, allOutput(c), runId);
  }, 90_000);

  it('Redis restarted (killed, empty) during a run: the server stays up and answers; the run continues; no success that did not run', async () => {
    const c = await cluster2(2);
    const yaml = `version: 1
${slowAgents('1500ms')}stages:
  - id: chain
    pattern: sequential_handoff
    handoff_artifacts: [a, b]
    tasks:
      - { agent: slow, task: first }
      - { agent: slow, task: second }
      - { agent: quick, task: third }
`;
    const runId = await postRun(c.server.url, { yaml });
    await until(() => workerStarts(allOutput(c), runId).length >= 1, 'the first step to start');
    const restarted = c.redis.restart({ downMs: 1500 });
    // While Redis is down the server answers at once, and says the queue cannot reach it.
    await new Promise((r) => setTimeout(r, 700));
    const t0 = Date.now();
    const health = await api<HealthResponse>(c.server.url, '/api/health');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(health.body).toMatchObject({ ok: true, queue: { reachable: false } });
    const workers = await api<WorkersResponse>(c.server.url, '/api/workers');
    expect(workers.body).toMatchObject({ queue: { reachable: false }, workers: [] });
    await restarted;

    const run = await waitForRunEnd(c.server.url, runId, 90_000);
    const events = await runEvents(c.server.url, runId);
    // It continues: the attempt whose job the empty Redis lost is run again, counted.
    expect(run.status).toBe('succeeded');
    const lost = events.filter(
      (e) => e.type === 'step.retrying' && (e.data as { interrupted?: boolean }).interrupted,
    );
    expect(lost.length).toBeGreaterThanOrEqual(1);
    for (const e of lost) {
      expect(run.steps[e.stepId as string]?.attempt).toBeGreaterThan(e.attempt as number);
    }
    expectHonestSuccesses(events, allOutput(c), runId);
    // Recovered: Redis answers again, both workers are listed again.
    const end = Date.now() + 15_000;
    let listed: WorkersResponse = { queue: null, workers: [] };
    while (Date.now() < end) {
      listed = (await api<WorkersResponse>(c.server.url, '/api/workers')).body;
      if (listed.queue?.reachable && listed.workers.length === 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(listed.queue?.reachable).toBe(true);
    expect(listed.workers.map((w) => w.id)).toEqual(['wA', 'wB']);
    // And a new run goes through.
    const next = await postRun(c.server.url, { yaml });
    expect((await waitForRunEnd(c.server.url, next, 60_000)).status).toBe('succeeded');
  }, 180_000);

  it('kill -9 the server while workers run its steps, restart it: the run completes, finished steps are not run again', async () => {
    const c = await cluster2(2);
    const yaml = `version: 1
${slowAgents('2500ms')}stages:
  - id: build
    pattern: parallel_independent
    tasks:
      - { agent: slow, task: one }
      - { agent: slow, task: two }
      - { agent: slow, task: three }
  - id: check
    needs: [build]
    pattern: parallel_independent
    tasks:
      - { agent: quick, task: after }
`;
    const runId = await postRun(c.server.url, { yaml });
    await until(() => workerStarts(allOutput(c), runId).length === 3, 'the three build steps to start');
    await kill9(c.server.child);
    // The workers finish the steps while the server is down.
    await until(() => workerEnds(allOutput(c), runId).length === 3, 'the workers to finish', 20_000);
    const server = await c.restartServer();

    const run = await waitForRunEnd(server.url, runId, 60_000);
    expect(run.status).toBe('succeeded');
    for (const id of ['build.task.0', 'build.task.1', 'build.task.2']) {
      expect(run.steps[id], id).toMatchObject({ status: 'succeeded', attempt: 1 });
    }
    expect(run.steps['check.task.0']).toMatchObject({ status: 'succeeded', attempt: 1 });
    // Each step was started on a worker once: nothing finished ran again.
    expect(workerStarts(allOutput(c), runId).sort()).toEqual([
      'build.task.0:1',
      'build.task.1:1',
      'build.task.2:1',
      'check.task.0:1',
    ]);
    const events = await runEvents(server.url, runId);
    expect(
      events
        .filter((e) => e.type === 'step.started')
        .map((e) => `${e.stepId}:${e.attempt}`)
        .sort(),
    ).toEqual(['build.task.0:1', 'build.task.1:1', 'build.task.2:1', 'check.task.0:1']);
    expectHonestSuccesses(events, allOutput(c), runId);
  }, 120_000);
});
