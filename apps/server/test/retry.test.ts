import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '@baton/core';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/migrations.js';
import { openDatabase } from '../src/store/openDatabase.js';
import { openEventStream } from './sse.js';
import { startTestServer, type TestServer } from './testServer.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const example = (name: string) => readFileSync(`${REPO}examples/${name}`, 'utf8');

/** The incremental-validation example with its validator's runtime laid over inline. */
const validation = (failRate: number) =>
  example('full/5-incremental-validation.baton.yaml').replace(
    '\nstages:',
    `\nagents: { pytest-test-master: { runtime: { kind: simulated, duration: 10ms, fail_rate: ${failRate} } } }\nstages:`,
  );

const started = (events: readonly RunEvent[]) =>
  [...new Set(events.filter((e) => e.type === 'step.started').map((e) => e.stepId))].sort();

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

async function eventsOf(url: string, runId: string): Promise<RunEvent[]> {
  const stream = openEventStream(`${url}/api/runs/${runId}/events`);
  await stream.ended;
  return stream.events;
}

describe('POST /api/runs {retryOf}: retry from the failed step', () => {
  it('fix the failing validator, retry: phase 1’s agent is reused, its validator and phase 2 run, the run succeeds', async () => {
    const failing = validation(1);
    expect(failing).toContain('fail_rate: 1');
    const created = await request(server.url).post('/api/orchestrations').send({ yaml: failing }).expect(201);
    const orchestrationId = created.body.id as string;

    const first = await request(server.url)
      .post('/api/runs')
      .send({ orchestrationId, speed: 50 })
      .expect(201);
    const firstEvents = await eventsOf(server.url, first.body.id);
    expect(firstEvents.at(-1)?.type).toBe('run.failed');
    const failed = await request(server.url).get(`/api/runs/${first.body.id}`).expect(200);
    expect(failed.body.steps['graphql.phase.0.agent'].status).toBe('succeeded');
    expect(failed.body.steps['graphql.phase.0.validator'].status).toBe('failed');
    expect(failed.body.steps['graphql.phase.1.agent'].status).toBe('skipped');
    expect(failed.body).toMatchObject({ speed: 50, dispatcher: 'local' });
    expect(failed.body.retryOf).toBeUndefined();

    // The fix, in the YAML: the validator's runtime settings.
    await request(server.url)
      .put(`/api/orchestrations/${orchestrationId}`)
      .set('If-Match', `"${created.body.version}"`)
      .send({ yaml: validation(0) })
      .expect(200);

    const retry = await request(server.url).post('/api/runs').send({ retryOf: first.body.id }).expect(201);
    expect(retry.body).toMatchObject({
      orchestrationId,
      status: 'queued',
      retryOf: first.body.id,
      speed: 50, // the earlier run's
      dispatcher: 'local',
    });
    expect(retry.headers.location).toBe(`/api/runs/${retry.body.id}`);
    const events = await eventsOf(server.url, retry.body.id);
    expect(events.at(-1)?.type).toBe('run.succeeded');
    expect(events.filter((e) => e.stepId === 'graphql.phase.0.agent').map((e) => e.type)).toEqual([
      'step.succeeded',
      'artifact.created', // its report, in the new run's folder
    ]);
    const reused = events.find((e) => e.stepId === 'graphql.phase.0.agent' && e.type === 'step.succeeded');
    const before = firstEvents.filter(
      (e) => e.stepId === 'graphql.phase.0.agent' && e.type === 'step.succeeded',
    );
    expect(reused?.data).toMatchObject({
      reused: true,
      result: (before.at(-1)?.data as { result?: unknown } | undefined)?.result,
    });
    expect(started(events)).toEqual([
      'graphql.phase.0.validator',
      'graphql.phase.1.agent',
      'graphql.phase.1.validator',
    ]);

    const shown = await request(server.url).get(`/api/runs/${retry.body.id}`).expect(200);
    expect(shown.body).toMatchObject({
      id: retry.body.id,
      status: 'succeeded',
      retryOf: first.body.id,
      speed: 50,
      dispatcher: 'local',
      yaml: validation(0),
    });
    expect(shown.body.steps['graphql.phase.0.agent']).toMatchObject({ status: 'reused', attempt: 0 });
    for (const id of ['graphql.phase.0.validator', 'graphql.phase.1.agent', 'graphql.phase.1.validator']) {
      expect(shown.body.steps[id].status).toBe('succeeded');
    }

    const list = await request(server.url).get(`/api/runs?orchestrationId=${orchestrationId}`).expect(200);
    expect(list.body.runs).toEqual([
      expect.objectContaining({ id: retry.body.id, retryOf: first.body.id, speed: 50, dispatcher: 'local' }),
      expect.objectContaining({ id: first.body.id, status: 'failed' }),
    ]);
    expect(list.body.runs[1].retryOf).toBeUndefined();

    // The orchestration list shows its last run.
    const orchestrations = await request(server.url).get('/api/orchestrations').expect(200);
    const mine = orchestrations.body.orchestrations.find((o: { id: string }) => o.id === orchestrationId);
    expect(mine.lastRun).toEqual({ id: retry.body.id, status: 'succeeded', createdAt: shown.body.createdAt });

    // Retrying the retry (nothing changed): every step is reused, no agent runs.
    const again = await request(server.url).post('/api/runs').send({ retryOf: retry.body.id }).expect(201);
    const againEvents = await eventsOf(server.url, again.body.id);
    expect(againEvents.at(-1)?.type).toBe('run.succeeded');
    expect(started(againEvents)).toEqual([]);
    const againShown = await request(server.url).get(`/api/runs/${again.body.id}`).expect(200);
    expect(Object.values(againShown.body.steps).map((s) => (s as { status: string }).status)).toEqual([
      'reused',
      'reused',
      'reused',
      'reused',
    ]);
  });

  it('a run posted as YAML is retried with the same YAML; speed and dispatcher may be given', async () => {
    const yaml = example('full/6-fan-out-fan-in.baton.yaml');
    const first = await request(server.url).post('/api/runs').send({ yaml, speed: 50 }).expect(201);
    await eventsOf(server.url, first.body.id);
    const retry = await request(server.url)
      .post('/api/runs')
      .send({ retryOf: first.body.id, speed: 200, dispatcher: 'local' })
      .expect(201);
    expect(retry.body).toMatchObject({ orchestrationId: null, retryOf: first.body.id, speed: 200 });
    const events = await eventsOf(server.url, retry.body.id);
    expect(events.at(-1)?.type).toBe('run.succeeded');
    expect(started(events)).toEqual([]);
    const shown = await request(server.url).get(`/api/runs/${retry.body.id}`).expect(200);
    expect(shown.body.yaml).toBe(yaml);
  });

  it('an unknown run is a 404', async () => {
    const res = await request(server.url).post('/api/runs').send({ retryOf: 'no-such-run' }).expect(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
    expect(res.body.error.message).toContain("no run with id 'no-such-run'");
  });

  it('a run still active is a 409 that says to wait or cancel', async () => {
    const yaml = example('full/2-sequential-handoff.baton.yaml');
    const active = await request(server.url).post('/api/runs').send({ yaml, speed: 1 }).expect(201);
    const res = await request(server.url).post('/api/runs').send({ retryOf: active.body.id }).expect(409);
    expect(res.body.error.code).toBe('run_active');
    expect(res.body.error.message).toMatch(/is still (queued|running): wait for it to end \(or cancel it\)/);
    await request(server.url).post(`/api/runs/${active.body.id}/cancel`).send({}).expect(202);
    await eventsOf(server.url, active.body.id);
    // Once it has ended (cancelled), it can be retried.
    const retry = await request(server.url).post('/api/runs').send({ retryOf: active.body.id, speed: 100 });
    expect(retry.status).toBe(201);
    await eventsOf(server.url, retry.body.id);
  });

  it('a retry of a run whose orchestration was deleted is a 404 that says so', async () => {
    const created = await request(server.url)
      .post('/api/orchestrations')
      .send({ yaml: example('full/1-parallel-independent.baton.yaml') })
      .expect(201);
    const run = await request(server.url)
      .post('/api/runs')
      .send({ orchestrationId: created.body.id, speed: 100 })
      .expect(201);
    await eventsOf(server.url, run.body.id);
    await request(server.url).delete(`/api/orchestrations/${created.body.id}`).expect(204);
    const res = await request(server.url).post('/api/runs').send({ retryOf: run.body.id }).expect(404);
    expect(res.body.error.message).toContain('no longer exists');
  });

  it.each([
    [{ retryOf: 'x', yaml: 'version: 1' }, /exactly one of "orchestrationId", "yaml" and "retryOf"/],
    [{ retryOf: 'x', orchestrationId: 'y' }, /exactly one of/],
    [{ retryOf: 7 }, /retryOf must be the id of the run to retry/],
    [{ retryOf: '' }, /retryOf must be the id/],
  ])('a malformed body %j is a 400', async (body, message) => {
    const res = await request(server.url).post('/api/runs').send(body).expect(400);
    expect(res.body.error.code).toBe('invalid_body');
    expect(res.body.error.message).toMatch(message);
  });
});

describe('retry across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-retry-'));
  const dataDir = join(dir, 'data');
  const withAgent = join(dir, 'agents-a');
  const withoutAgent = join(dir, 'agents-b');
  mkdirSync(withAgent);
  mkdirSync(withoutAgent);
  writeFileSync(
    join(withAgent, 'baton.agents.yaml'),
    'custom:\n  runtime: { kind: simulated, duration: 1s }\n',
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const yaml = `version: 1
stages:
  - id: work
    pattern: parallel_independent
    parallel_execution: true
    tasks: [{ agent: custom, task: Work }, { agent: comment-cleaner, task: Tidy }]
`;

  it('a retry whose YAML is no longer valid (its agent left the registry) is a 400 with diagnostics', async () => {
    const a = await startTestServer({ dataDir, agentsDir: withAgent });
    const first = await request(a.url).post('/api/runs').send({ yaml, speed: 100 }).expect(201);
    await eventsOf(a.url, first.body.id);
    await a.close();

    const b = await startTestServer({ dataDir, agentsDir: withoutAgent });
    try {
      const res = await request(b.url).post('/api/runs').send({ retryOf: first.body.id }).expect(400);
      expect(res.body.error.code).toBe('invalid_orchestration');
      expect(res.body.error.diagnostics[0]).toMatchObject({ severity: 'error', line: 6 });
      expect(res.body.error.message).toContain("unknown agent 'custom'");
    } finally {
      await b.close();
    }
  });

  it('a run stored without fingerprints (before they were) is retried from its YAML and today’s registry', async () => {
    const a = await startTestServer({ dataDir, agentsDir: withAgent });
    const first = await request(a.url).post('/api/runs').send({ yaml, speed: 100 }).expect(201);
    await eventsOf(a.url, first.body.id);
    await a.close();
    const db = new Database(join(dataDir, 'baton.sqlite'));
    expect(db.prepare('DELETE FROM run_fingerprints WHERE run_id = ?').run(first.body.id).changes).toBe(1);
    db.close();

    const b = await startTestServer({ dataDir, agentsDir: withAgent });
    try {
      const retry = await request(b.url).post('/api/runs').send({ retryOf: first.body.id }).expect(201);
      const events = await eventsOf(b.url, retry.body.id);
      expect(events.at(-1)?.type).toBe('run.succeeded');
      expect(started(events)).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('an agent file changed between the runs: its steps run again, the rest is reused', async () => {
    const changed = join(dir, 'agents-c');
    mkdirSync(changed);
    writeFileSync(
      join(changed, 'baton.agents.yaml'),
      'custom:\n  runtime: { kind: simulated, duration: 2s }\n',
    );
    const a = await startTestServer({ dataDir, agentsDir: withAgent });
    const first = await request(a.url).post('/api/runs').send({ yaml, speed: 100 }).expect(201);
    await eventsOf(a.url, first.body.id);
    await a.close();

    const b = await startTestServer({ dataDir, agentsDir: changed });
    try {
      const retry = await request(b.url).post('/api/runs').send({ retryOf: first.body.id }).expect(201);
      const events = await eventsOf(b.url, retry.body.id);
      expect(events.at(-1)?.type).toBe('run.succeeded');
      expect(started(events)).toEqual(['work.task.0']);
      const shown = await request(b.url).get(`/api/runs/${retry.body.id}`).expect(200);
      expect(shown.body.steps['work.task.1'].status).toBe('reused');
    } finally {
      await b.close();
    }
  });

  it('a store of the first schema is migrated: runs gain retry_of, fingerprints get their table', () => {
    const old = join(dir, 'old');
    mkdirSync(old);
    const db = new Database(join(old, 'baton.sqlite'));
    db.exec(MIGRATIONS[0] as string);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?)').run(new Date().toISOString());
    db.prepare(
      `INSERT INTO runs (id, orchestration_id, name, yaml, status, created_at) VALUES ('r1', NULL, 'old', 'x', 'succeeded', '2024-01-01T00:00:00.000Z')`,
    ).run();
    db.close();
    const migrated = openDatabase(old);
    try {
      expect(migrated.prepare('SELECT id, retry_of FROM runs').all()).toEqual([{ id: 'r1', retry_of: null }]);
      expect(migrated.prepare('SELECT COUNT(*) AS n FROM run_fingerprints').get()).toEqual({ n: 0 });
      expect(migrated.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({
        v: MIGRATIONS.length,
      });
    } finally {
      migrated.close();
    }
  });
});

describe('what the editor needs besides', () => {
  it('GET /api/health names the dispatchers this server offers', async () => {
    const res = await request(server.url).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ ok: true, dispatchers: ['local'] });
  });

  it('GET /api/orchestrations gives each its most recent run, or none', async () => {
    const yaml = example('full/1-parallel-independent.baton.yaml');
    const ran = await request(server.url).post('/api/orchestrations').send({ yaml }).expect(201);
    const idle = await request(server.url).post('/api/orchestrations').send({ yaml }).expect(201);
    const runs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await request(server.url)
        .post('/api/runs')
        .send({ orchestrationId: ran.body.id, speed: 100 })
        .expect(201);
      runs.push(run.body.id);
      await eventsOf(server.url, run.body.id);
    }
    const list = await request(server.url).get('/api/orchestrations').expect(200);
    const byId = new Map(list.body.orchestrations.map((o: { id: string }) => [o.id, o]));
    expect(byId.get(ran.body.id)).toMatchObject({ lastRun: { id: runs[2], status: 'succeeded' } });
    expect(byId.get(idle.body.id)).not.toHaveProperty('lastRun');
  });
});
