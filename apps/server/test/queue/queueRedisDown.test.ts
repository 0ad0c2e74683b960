import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthResponse, WorkersResponse } from '@baton/core';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startRedis, type TestRedis } from '../../../../packages/engine/test/queue/redisServer.js';
import { type ServeProcess, serveArgs, startServe, stopServe } from '../serveProcess.js';
import { kill9, startWorker, type WorkerProcess } from './queueCluster.js';
import { api, postRun, runEvents, waitForRunEnd } from './queueRunClient.js';

/**
 * A server whose Redis is not there yet: it starts and answers, a queue run waits (its log
 * says so), and when Redis and a worker come up the run goes on and completes.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'baton-queue-down-'));
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a queue server whose Redis is down', () => {
  it('starts, answers at once, makes queue runs wait, and recovers when Redis comes', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    // --redis alone: the queue is offered, this server stays the default.
    const server: ServeProcess = await startServe(serveArgs(dataDir, ['--redis', url]));
    cleanup.push(() => stopServe(server));

    const t0 = Date.now();
    const health = await api<HealthResponse>(server.url, '/api/health');
    const workers = await api<WorkersResponse>(server.url, '/api/workers');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(health.body).toMatchObject({
      dispatchers: ['local', 'queue'],
      defaultDispatcher: 'local',
      queue: { redis: url, reachable: false },
    });
    expect(workers.body).toEqual({ queue: { redis: url, reachable: false }, workers: [] });

    const runId = await postRun(server.url, {
      yaml: `version: 1
stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: general-purpose, task: waits for Redis }
`,
      dispatcher: 'queue',
      speed: 10,
    });
    // It waits, visibly: running, with a log line saying why.
    const until = Date.now() + 10_000;
    let waiting = false;
    while (!waiting && Date.now() < until) {
      const events = await api<{ steps: Record<string, { status: string; logLines: number }> }>(
        server.url,
        `/api/runs/${runId}`,
      );
      expect(events.body.steps['s.task.0']?.status).toBe('running');
      const stream = await fetch(`${server.url}/api/runs/${runId}/events`);
      const reader = stream.body?.getReader();
      const chunk = reader ? new TextDecoder().decode((await reader.read()).value) : '';
      await reader?.cancel();
      waiting = chunk.includes('cannot be reached: waiting for it');
      if (!waiting) await new Promise((r) => setTimeout(r, 300));
    }
    expect(waiting).toBe(true);
    // The local dispatcher is unaffected meanwhile.
    const local = await postRun(server.url, {
      yaml: 'version: 1\nstages:\n  - id: s\n    pattern: parallel_independent\n    tasks:\n      - { agent: general-purpose, task: here }\n',
      speed: 10,
    });
    expect((await waitForRunEnd(server.url, local, 30_000)).status).toBe('succeeded');

    const redis: TestRedis = await startRedis({ port });
    cleanup.push(() => redis.stop());
    const worker: WorkerProcess = await startWorker(url, { id: 'late' });
    cleanup.push(() => kill9(worker.child));

    const run = await waitForRunEnd(server.url, runId, 60_000);
    expect(run.status).toBe('succeeded');
    expect(run.steps['s.task.0']).toMatchObject({ attempt: 1, workers: { 1: 'late' } });
    expect((await runEvents(server.url, runId)).filter((e) => e.type === 'step.succeeded')).toHaveLength(1);
    expect((await api<HealthResponse>(server.url, '/api/health')).body.queue?.reachable).toBe(true);
  }, 90_000);
});
