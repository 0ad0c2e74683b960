import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan, RunEvent, RunRecord } from '@baton/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueCluster, startQueueCluster } from './queueCluster.js';
import { api, planOf, postRun, runEvents, waitForRunEnd, workerEnds } from './queueRunClient.js';

/**
 * Done when (issue 11): every example run through the queue dispatcher with two worker
 * processes ends with the same step statuses and the same event types in the same causal
 * order as with the local dispatcher. One `baton serve --dispatcher queue` with the examples
 * loaded runs each twice: `dispatcher: 'local'` and `'queue'`, at the same speed and seed.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'baton-queue-examples-'));
let cluster: QueueCluster;

beforeAll(async () => {
  cluster = await startQueueCluster({
    dataDir,
    examples: true,
    workers: [
      { id: 'w1', concurrency: 8 },
      { id: 'w2', concurrency: 8 },
    ],
  });
}, 60_000);

afterAll(async () => {
  expect(await cluster?.stop()).toEqual([]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Per step, stage and the run: its event types in order (logs aside: a queue step logs which worker took it). */
function sequences(events: readonly RunEvent[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of events) {
    if (e.type === 'step.log') continue;
    const key = e.stepId ? `step ${e.stepId}` : e.stageId ? `stage ${e.stageId}` : 'run';
    const list = out[key] ?? [];
    list.push(e.attempt === undefined ? e.type : `${e.type}#${e.attempt}`);
    out[key] = list;
  }
  return out;
}

/**
 * What the plan says must come first, checked against the order the events came in: a step
 * starts after the steps it depends on ended, a stage after the stages it needs, a stage ends
 * after its steps, the run ends last.
 */
function causalViolations(events: readonly RunEvent[], plan: Plan): string[] {
  const violations: string[] = [];
  const ended = new Set<string>();
  const stagesEnded = new Set<string>();
  const steps = new Map(plan.steps.map((step) => [step.id, step] as const));
  const stages = new Map(plan.stages.map((s) => [s.id, s] as const));
  events.forEach((e, i) => {
    if (e.stepId && /^step\.(succeeded|failed|skipped|cancelled)$/.test(e.type)) ended.add(e.stepId);
    if (e.type === 'step.started' && e.stepId) {
      for (const d of steps.get(e.stepId)?.dependsOn ?? []) {
        if (!ended.has(d)) violations.push(`#${e.seq} ${e.stepId} started before ${d} ended`);
      }
    }
    if (e.type === 'stage.started' && e.stageId) {
      for (const n of stages.get(e.stageId)?.needs ?? []) {
        if (!stagesEnded.has(n)) violations.push(`#${e.seq} stage ${e.stageId} started before ${n} ended`);
      }
    }
    if (e.stageId && !e.stepId && /^stage\.(succeeded|failed|skipped)$/.test(e.type)) {
      stagesEnded.add(e.stageId);
      for (const step of stages.get(e.stageId)?.steps ?? []) {
        if (e.type !== 'stage.skipped' && !ended.has(step))
          violations.push(`#${e.seq} stage ${e.stageId} ended before ${step}`);
      }
    }
    if (
      e.type.startsWith('run.') &&
      !['run.queued', 'run.started'].includes(e.type) &&
      i !== events.length - 1
    )
      violations.push(`#${e.seq} ${e.type} is not the last event`);
  });
  return violations;
}

const statuses = (run: RunRecord) =>
  Object.fromEntries(Object.entries(run.steps).map(([id, s]) => [id, [s.status, s.attempt]]));

describe('every example: the queue dispatcher with two worker processes behaves as the local one', () => {
  it('same step statuses, same event types per step and stage, causal order kept', async () => {
    const { body } = await api<{ orchestrations: { id: string; name: string }[] }>(
      cluster.server.url,
      '/api/orchestrations',
    );
    const examples = body.orchestrations;
    expect(examples.length).toBeGreaterThanOrEqual(16);
    const ranOn = new Set<string>();
    for (const example of examples) {
      const { body: record } = await api<{ yaml: string }>(
        cluster.server.url,
        `/api/orchestrations/${example.id}`,
      );
      const plan = await planOf(cluster.server.url, record.yaml);
      const runs: Record<'local' | 'queue', { run: RunRecord; events: RunEvent[] }> = {} as never;
      for (const dispatcher of ['local', 'queue'] as const) {
        const id = await postRun(cluster.server.url, { orchestrationId: example.id, speed: 200, dispatcher });
        const run = await waitForRunEnd(cluster.server.url, id, 120_000);
        runs[dispatcher] = { run, events: await runEvents(cluster.server.url, id) };
      }
      const { local, queue } = runs;
      const label = example.name;
      expect(queue.run.dispatcher, label).toBe('queue');
      expect(queue.run.status, label).toBe(local.run.status);
      expect(statuses(queue.run), label).toEqual(statuses(local.run));
      expect(sequences(queue.events), label).toEqual(sequences(local.events));
      expect(causalViolations(local.events, plan), `${label} (local)`).toEqual([]);
      expect(causalViolations(queue.events, plan), `${label} (queue)`).toEqual([]);
      // Every step that ran went through a worker, and the worker says it ran it.
      const ends = workerEnds(cluster.workers.map((w) => w.output()).join('\n'), queue.run.id).map(
        (e) => e.key,
      );
      for (const e of queue.events) {
        if (e.type !== 'step.succeeded' || (e.data as { reused?: boolean }).reused) continue;
        // A sync point calls no agent: the scheduler passes it itself.
        if (plan.steps.find((step) => step.id === e.stepId)?.agent === null) continue;
        const worker = (e.data as { worker?: string }).worker;
        expect(worker, `${label} ${e.stepId}`).toMatch(/^w[12]$/);
        ranOn.add(worker as string);
        expect(ends, `${label} ${e.stepId}`).toContain(`${queue.run.id}:${e.stepId}:${e.attempt}`);
      }
      for (const e of local.events) {
        if (e.type === 'step.succeeded') expect((e.data as { worker?: string }).worker).toBeUndefined();
      }
    }
    // Both workers took steps.
    expect([...ranOn].sort()).toEqual(['w1', 'w2']);
  }, 600_000);
});
