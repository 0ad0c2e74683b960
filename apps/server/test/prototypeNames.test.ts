import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const SIM = '{ runtime: { kind: simulated, duration: 1s } }';

describe('names like constructor and __proto__ over HTTP', () => {
  it('a reviewer `constructor` without a review task gets an empty task, not Object; the run succeeds', async () => {
    const yaml = `version: 1
agents:
  constructor: ${SIM}
  toString: ${SIM}
stages:
  - id: constructor
    pattern: primary_with_reviewers
    primary_agent: toString
    reviewer_agents: [constructor, toString]
    review_tasks: { toString: check it }
`;
    const validated = await request(server.url).post('/api/validate').send({ yaml });
    expect(validated.body.ok).toBe(true);
    const tasks = Object.fromEntries(
      (validated.body.plan.steps as { id: string; task: string }[]).map((s) => [s.id, s.task]),
    );
    expect(tasks).toEqual({
      'constructor.primary': '',
      'constructor.reviewer.0': '',
      'constructor.reviewer.1': 'check it',
    });
    const started = await request(server.url).post('/api/runs').send({ yaml, speed: 100 });
    expect(started.status).toBe(201);
    await server.runs.settled(started.body.id);
    const run = await request(server.url).get(`/api/runs/${started.body.id}`);
    expect(run.body.status).toBe('succeeded');
  });

  it('an inline agent `__proto__` is refused (400, at its line), not silently dropped; nothing stored', async () => {
    const before = (await request(server.url).get('/api/orchestrations')).body.orchestrations.length;
    const res = await request(server.url)
      .post('/api/orchestrations')
      .send({
        yaml: `version: 1\nagents:\n  __proto__: ${SIM}\nstages:\n  - { id: s, pattern: parallel_independent, tasks: [{ agent: fastapi-backend-expert }] }\n`,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /'__proto__' cannot be a key: JavaScript reserves it .*\(line 3, column 3\)/,
    );
    expect((await request(server.url).get('/api/orchestrations')).body.orchestrations.length).toBe(before);
  });
});
