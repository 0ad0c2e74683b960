import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '@baton/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../src/index.js';
import { openEventStream } from './sse.js';
import { startTestServer, type TestServer } from './testServer.js';

const root = mkdtempSync(join(tmpdir(), 'baton-simulate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The server's own agents: a command agent that logs its working folder, and a slow simulated one. */
function agentsDir(): string {
  const dir = mkdtempSync(join(root, 'agents-'));
  writeFileSync(
    join(dir, 'baton.agents.yaml'),
    `pwd:
  runtime: { kind: command, command: [${JSON.stringify(process.execPath)}, -e, "console.log('cwd=' + process.cwd())"] }
slow:
  runtime: { kind: simulated, duration: 1500ms }
`,
  );
  return dir;
}

const YAML = `version: 1
name: Workspace
stages:
  - id: s
    pattern: sequential_handoff
    parallel_execution: false
    tasks: [{ agent: slow }, { agent: pwd }]
`;

async function eventsOf(server: TestServer, id: string): Promise<RunEvent[]> {
  const stream = openEventStream(`${server.url}/api/runs/${id}/events`);
  await stream.ended;
  return stream.events;
}

const logLines = (events: RunEvent[]) =>
  events.flatMap((e) => (e.type === 'step.log' ? [(e.data as { line: string }).line] : []));

describe('POST /api/runs {simulate}, and the run’s workspace', () => {
  let server: TestServer;
  const workspace = mkdtempSync(join(root, 'workspace-'));
  beforeAll(async () => {
    server = await startTestServer({ agentsDir: agentsDir(), workspace });
  });
  afterAll(() => server.dispose());

  it('a simulated run records it; every step.started says simulated; the command agent never runs', async () => {
    const created = await request(server.url)
      .post('/api/runs')
      .send({ yaml: YAML, simulate: true, speed: 50 })
      .expect(201);
    expect(created.body).toMatchObject({ simulate: true, workspace });
    const events = await eventsOf(server, created.body.id);
    expect(events.at(-1)?.type).toBe('run.succeeded');
    const started = events.filter((e) => e.type === 'step.started');
    expect(started).toHaveLength(2);
    for (const e of started) expect(e.data).toMatchObject({ simulated: true });
    expect(logLines(events).some((l) => l.startsWith('cwd='))).toBe(false);
    const record = await request(server.url).get(`/api/runs/${created.body.id}`).expect(200);
    expect(record.body).toMatchObject({ simulate: true, workspace });
    const list = await request(server.url).get('/api/runs').expect(200);
    expect(list.body.runs.find((r: { id: string }) => r.id === created.body.id)).toMatchObject({
      simulate: true,
      workspace,
    });
  });

  it('a real run: simulate false, its agents work in the server’s workspace', async () => {
    const created = await request(server.url).post('/api/runs').send({ yaml: YAML, speed: 50 }).expect(201);
    expect(created.body).toMatchObject({ simulate: false, workspace });
    const events = await eventsOf(server, created.body.id);
    expect(events.at(-1)?.type).toBe('run.succeeded');
    expect(logLines(events)).toContain(`cwd=${workspace}`);
    const pwd = events.find((e) => e.type === 'step.started' && e.stepId === 's.task.1');
    expect(pwd?.data).not.toHaveProperty('simulated');
  });

  it('a retry keeps the retried run’s simulate unless the body says otherwise', async () => {
    const dry = await request(server.url).post('/api/runs').send({ yaml: YAML, simulate: true, speed: 50 });
    await eventsOf(server, dry.body.id);
    const again = await request(server.url).post('/api/runs').send({ retryOf: dry.body.id }).expect(201);
    expect(again.body.simulate).toBe(true);
    await eventsOf(server, again.body.id);
    const real = await request(server.url)
      .post('/api/runs')
      .send({ retryOf: dry.body.id, simulate: false })
      .expect(201);
    expect(real.body.simulate).toBe(false);
    await eventsOf(server, real.body.id);
  });

  it.each([['yes'], [1], [null], [{}]])('simulate %j is a 400 that says what it takes', async (simulate) => {
    const res = await request(server.url).post('/api/runs').send({ yaml: YAML, simulate }).expect(400);
    expect(res.body.error.code).toBe('invalid_simulate');
    expect(res.body.error.message).toMatch(/simulate must be true .* or false/);
  });
});

describe('the server’s workspace (--workspace, BATON_WORKSPACE)', () => {
  it('defaults to the folder the server started in; flag before environment', () => {
    expect(resolveConfig({}, {}).workspace).toBe(process.cwd());
    expect(resolveConfig({}, { BATON_WORKSPACE: root }).workspace).toBe(root);
    const other = mkdtempSync(join(root, 'other-'));
    expect(resolveConfig({ workspace: other }, { BATON_WORKSPACE: root }).workspace).toBe(other);
  });

  it('refuses, in one line, a workspace that does not exist or is not a folder', () => {
    expect(() => resolveConfig({ workspace: join(root, 'nope') }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({ workspace: join(root, 'nope') }, {})).toThrow(
      /workspace .*nope does not exist/,
    );
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    expect(() => resolveConfig({}, { BATON_WORKSPACE: file })).toThrow(/is not a folder/);
  });
});

describe('a run resumed after a restart keeps its simulate and its workspace', () => {
  it('the restarted server has another workspace; the resumed runs go on as they began', async () => {
    const dataDir = mkdtempSync(join(root, 'data-'));
    const agents = agentsDir();
    const first = mkdtempSync(join(root, 'first-'));
    const second = mkdtempSync(join(root, 'second-'));
    const a = await startTestServer({ dataDir, agentsDir: agents, workspace: first });
    const real = (await request(a.url).post('/api/runs').send({ yaml: YAML }).expect(201)).body.id as string;
    const dry = (await request(a.url).post('/api/runs').send({ yaml: YAML, simulate: true }).expect(201)).body
      .id as string;
    // Stopped while the slow first steps run: both runs are left unfinished, to resume.
    for (;;) {
      const states = await Promise.all(
        [real, dry].map(
          async (id) => (await request(a.url).get(`/api/runs/${id}`)).body.steps['s.task.0']?.status,
        ),
      );
      if (states.every((s) => s === 'running')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await a.close();

    const b = await startTestServer({ dataDir, agentsDir: agents, workspace: second });
    try {
      const realEvents = await eventsOf(b, real);
      expect(realEvents.at(-1)?.type).toBe('run.succeeded');
      expect(logLines(realEvents)).toContain(`cwd=${first}`);
      expect(logLines(realEvents)).not.toContain(`cwd=${second}`);
      const dryEvents = await eventsOf(b, dry);
      expect(dryEvents.at(-1)?.type).toBe('run.succeeded');
      const started = dryEvents.filter((e) => e.type === 'step.started');
      expect(started.map((e) => e.stepId)).toEqual(['s.task.0', 's.task.0', 's.task.1']);
      for (const e of started) expect(e.data).toMatchObject({ simulated: true });
      expect((await request(b.url).get(`/api/runs/${real}`)).body).toMatchObject({
        simulate: false,
        workspace: first,
      });
      expect((await request(b.url).get(`/api/runs/${dry}`)).body).toMatchObject({
        simulate: true,
        workspace: first,
      });
      // Its artifacts stayed in the one folder.
      const context = await request(b.url).get(`/api/runs/${dry}/artifacts/context.json`).expect(200);
      expect(context.body).toMatchObject({
        status: 'completed',
        baton: { simulate: true, workspace: first },
      });
    } finally {
      await b.dispose();
    }
  }, 20_000);
});
