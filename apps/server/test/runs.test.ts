import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '@baton/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from './sse.js';
import { startTestServer, type TestServer } from './testServer.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const example = (name: string) => readFileSync(`${REPO}examples/${name}`, 'utf8');

/** What makes two runs of one file "the same": every event but its times and run id. */
const shape = (e: RunEvent) => [e.seq, e.type, e.stageId ?? '', e.stepId ?? '', e.attempt ?? 0].join(' ');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

async function runToEnd(yaml: string, speed: number): Promise<{ id: string; events: RunEvent[] }> {
  const created = await request(server.url).post('/api/runs').send({ yaml, speed }).expect(201);
  expect(created.body.status).toBe('queued');
  const stream = openEventStream(`${server.url}/api/runs/${created.body.id}/events`);
  await stream.ended;
  return { id: created.body.id, events: stream.events };
}

describe('runs over the API', () => {
  it.each([
    ['full/2-sequential-handoff.baton.yaml'],
    ['full/5-incremental-validation.baton.yaml'],
    ['full/7-conditional-branching.baton.yaml'],
  ])('%s emits the same event sequence as `baton run --json`', async (name) => {
    const { events } = await runToEnd(example(name), 50);
    const cli = spawnSync(
      process.execPath,
      ['apps/cli/bin/baton.js', 'run', `examples/${name}`, '--json', '--speed', '50'],
      {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const cliEvents = cli.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as RunEvent);
    expect(events.map(shape)).toEqual(cliEvents.map(shape));
    expect(events.at(-1)?.type).toBe('run.succeeded');
  });

  it('GET /api/runs/:id is the reduceRun state: every step with its status and attempt', async () => {
    const { id, events } = await runToEnd(example('full/6-fan-out-fan-in.baton.yaml'), 50);
    const res = await request(server.url).get(`/api/runs/${id}`).expect(200);
    expect(res.body).toMatchObject({ id, status: 'succeeded', orchestrationId: null });
    expect(res.body.startedAt).toBeTruthy();
    expect(res.body.finishedAt).toBeTruthy();
    expect(Object.keys(res.body.steps).sort()).toEqual([
      'auth.fanin',
      'auth.fanout.0',
      'auth.fanout.1',
      'auth.fanout.2',
    ]);
    for (const step of Object.values(res.body.steps) as { status: string; attempt: number }[]) {
      expect(step).toMatchObject({ status: 'succeeded', attempt: 1 });
    }
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const list = await request(server.url).get('/api/runs').expect(200);
    expect(list.body.runs.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('runs a stored orchestration by id', async () => {
    const yaml = example('full/4-primary-with-reviewers.baton.yaml');
    const { body } = await request(server.url).post('/api/orchestrations').send({ yaml }).expect(201);
    const run = await request(server.url)
      .post('/api/runs')
      .send({ orchestrationId: body.id, speed: 50 })
      .expect(201);
    expect(run.body.orchestrationId).toBe(body.id);
    await openEventStream(`${server.url}/api/runs/${run.body.id}/events`).ended;
    const runs = await request(server.url).get(`/api/runs?orchestrationId=${body.id}`).expect(200);
    expect(runs.body.runs).toEqual([expect.objectContaining({ id: run.body.id, status: 'succeeded' })]);
  });

  it('SSE: every client sees every event once, in order; a client that drops and resumes with Last-Event-ID misses nothing', async () => {
    const yaml = example('full-stack-feature.baton.yaml');
    const created = await request(server.url).post('/api/runs').send({ yaml, speed: 20 }).expect(201);
    const url = `${server.url}/api/runs/${created.body.id}/events`;
    const steady = [openEventStream(url), openEventStream(url), openEventStream(url)];

    // This one drops its connection after its fourth event, then reconnects from there.
    let resumed: ReturnType<typeof openEventStream> | null = null;
    const flaky = openEventStream(url, {
      onEvent: (_e, client) => {
        if (client.events.length === 4) client.disconnect();
      },
    });
    await flaky.ended;
    const seen = flaky.events.length;
    expect(seen).toBe(4);
    resumed = openEventStream(url, { lastEventId: flaky.events[seen - 1]?.seq });
    await Promise.all([...steady.map((c) => c.ended), resumed.ended]);

    const stored = await request(server.url).get(`/api/runs/${created.body.id}`).expect(200);
    expect(stored.body.status).toBe('succeeded');
    const all = steady[0]!.events;
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)?.type).toBe('run.succeeded');
    for (const client of steady) expect(client.events).toEqual(all);
    expect([...flaky.events, ...resumed.events]).toEqual(all);

    // A finished run's stream replays and closes; `?after=` resumes like Last-Event-ID.
    const replay = openEventStream(`${url}?after=${all.length - 2}`);
    await replay.ended;
    expect(replay.events).toEqual(all.slice(-2));
  });

  it('cancel stops an active run: run.cancelled is recorded', async () => {
    const yaml = example('full/2-sequential-handoff.baton.yaml');
    const created = await request(server.url).post('/api/runs').send({ yaml, speed: 1 }).expect(201);
    const stream = openEventStream(`${server.url}/api/runs/${created.body.id}/events`, {
      onEvent: (e) => {
        if (e.type === 'step.started')
          void request(server.url)
            .post(`/api/runs/${created.body.id}/cancel`)
            .send({})
            .expect(202)
            .then(() => {});
      },
    });
    await stream.ended;
    expect(stream.events.at(-1)?.type).toBe('run.cancelled');
    const res = await request(server.url).get(`/api/runs/${created.body.id}`).expect(200);
    expect(res.body.status).toBe('cancelled');
    await request(server.url).post(`/api/runs/${created.body.id}/cancel`).send({}).expect(409);
  });
});
