import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nothingToRun, validate } from '@baton/core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

const example = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url)), 'utf8');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ loadExamples: true });
});
afterAll(() => server.dispose());

const runCount = async () => (await request(server.url).get('/api/runs')).body.runs.length as number;

describe('a run with nothing to run is refused, not "succeeded" in 1 ms', () => {
  it.each([
    [
      'the seed snippet of Pattern 1 (no tasks)',
      example('seed/1-parallel-independent.baton.yaml'),
      /it has no steps/,
    ],
    ['no stages at all', 'version: 1\nstages: []\n', /it has no steps/],
    [
      'only sync points without agents',
      example('seed/3-parallel-with-sync.baton.yaml'),
      /its 3 steps are sync points without an agent/,
    ],
  ])('%s: 400 nothing_to_run, no run stored', async (_what, yaml, why) => {
    const before = await runCount();
    const res = await request(server.url).post('/api/runs').send({ yaml });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('nothing_to_run');
    expect(res.body.error.message).toMatch(/^nothing to run: no step calls an agent/);
    expect(res.body.error.message).toMatch(why);
    expect(res.body.error.message).toMatch(/add tasks, or give a sync point an agent/);
    expect(await runCount()).toBe(before);
  });

  it('a stored orchestration with nothing to run, run by id: the same 400', async () => {
    const saved = await request(server.url)
      .post('/api/orchestrations')
      .send({ yaml: 'parallel_execution: true\n' });
    expect(saved.status).toBe(201);
    const res = await request(server.url).post('/api/runs').send({ orchestrationId: saved.body.id });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('nothing_to_run');
  });
});

describe('no example in the server’s list does nothing', () => {
  it('every listed example calls an agent; the task-less seed snippets carry their example’s tasks, in seed form', async () => {
    // A server of its own: its list is the examples only.
    const fresh = await startTestServer({ loadExamples: true });
    try {
      await checkExamples(fresh);
    } finally {
      await fresh.dispose();
    }
  });
});

/** Every example of a fresh server's list runs something; the seed's Pattern 1 as it is shown. */
async function checkExamples(server: TestServer) {
  const list = (await request(server.url).get('/api/orchestrations')).body.orchestrations as {
    id: string;
    name: string;
  }[];
  expect(list.length).toBe(16);
  for (const { id, name } of list) {
    const { yaml } = (await request(server.url).get(`/api/orchestrations/${id}`)).body as { yaml: string };
    const result = validate(yaml);
    expect(result.ok, name).toBe(true);
    expect(nothingToRun(result.plan!), name).toBeNull();
  }
  const seedOne = list.find((o) => o.name === 'Seed · Parallel Independent')!;
  const { yaml } = (await request(server.url).get(`/api/orchestrations/${seedOne.id}`)).body as {
    yaml: string;
  };
  expect(yaml).toBe(
    `# The seed's configuration for this pattern, with the tasks of its example (examples/full/1-parallel-independent.baton.yaml).\n${example('seed/1-parallel-independent.baton.yaml')}tasks:\n  - agent: fastapi-backend-expert\n    task: Implement the user profile editing API\n    checklist:\n      - Create API endpoints\n      - Add validation\n      - Update models\n  - agent: react-frontend-architect\n    task: Build the ProfileEditor component\n    checklist:\n      - Create ProfileEditor\n      - Add form validation\n      - Update state management\n`,
  );
  expect(validate(yaml).form).toBe('seed');
  const seedThree = list.find((o) => o.name === 'Seed · Parallel with Sync Points');
  expect(seedThree).toBeDefined();
  const run = await request(server.url).post('/api/runs').send({ orchestrationId: seedOne.id, speed: 100 });
  expect(run.status).toBe(201);
  await server.runs.settled(run.body.id);
  const done = (await request(server.url).get(`/api/runs/${run.body.id}`)).body;
  expect(done.status).toBe('succeeded');
  expect(Object.keys(done.steps)).toHaveLength(2);
}
