import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIMARY_WITH_REVIEWERS, startTestServer, type TestServer } from './testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('orchestrations: CRUD with versions', () => {
  it('creates, reads, lists, updates with If-Match, keeps every version, and deletes', async () => {
    const created = await request(server.url)
      .post('/api/orchestrations')
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Primary with Reviewers',
      version: 1,
      yaml: PRIMARY_WITH_REVIEWERS,
    });
    expect(created.headers.etag).toBe('"1"');
    const id = created.body.id as string;

    const got = await request(server.url).get(`/api/orchestrations/${id}`).expect(200);
    expect(got.body.yaml).toBe(PRIMARY_WITH_REVIEWERS);
    expect(got.headers.etag).toBe('"1"');

    const list = await request(server.url).get('/api/orchestrations').expect(200);
    expect(list.body.orchestrations).toContainEqual(
      expect.objectContaining({ id, version: 1, stages: 1, steps: 3 }),
    );

    const edited = PRIMARY_WITH_REVIEWERS.replace(
      '  - "pytest-test-master"\n',
      '  - "pytest-test-master"\n  - "codebase-cleaner"\n',
    );
    const updated = await request(server.url)
      .put(`/api/orchestrations/${id}`)
      .set('If-Match', '"1"')
      .send({ yaml: edited })
      .expect(200);
    expect(updated.body.version).toBe(2);
    expect(updated.headers.etag).toBe('"2"');

    const versions = await request(server.url).get(`/api/orchestrations/${id}/versions`).expect(200);
    expect(versions.body.versions.map((v: { version: number; yaml: string }) => [v.version, v.yaml])).toEqual(
      [
        [1, PRIMARY_WITH_REVIEWERS],
        [2, edited],
      ],
    );

    await request(server.url).delete(`/api/orchestrations/${id}`).expect(204);
    await request(server.url).get(`/api/orchestrations/${id}`).expect(404);
  });

  it('accepts a raw application/yaml body', async () => {
    const created = await request(server.url)
      .post('/api/orchestrations')
      .set('Content-Type', 'application/yaml')
      .send(PRIMARY_WITH_REVIEWERS)
      .expect(201);
    expect(created.body.yaml).toBe(PRIMARY_WITH_REVIEWERS);
  });

  it('a stale PUT gets 412 with the current record, and the stored version is unchanged', async () => {
    const { body } = await request(server.url)
      .post('/api/orchestrations')
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(201);
    const mine = PRIMARY_WITH_REVIEWERS.replace('true', 'false');
    const theirs = `${PRIMARY_WITH_REVIEWERS}max_revisions: 1\n`;
    await request(server.url)
      .put(`/api/orchestrations/${body.id}`)
      .set('If-Match', '"1"')
      .send({ yaml: theirs })
      .expect(200);

    const stale = await request(server.url)
      .put(`/api/orchestrations/${body.id}`)
      .set('If-Match', '"1"')
      .send({ yaml: mine })
      .expect(412);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.message).toMatch(/you edited version 1, but version 2 was saved since/);
    expect(stale.body.current).toMatchObject({ version: 2, yaml: theirs });

    const stored = await request(server.url).get(`/api/orchestrations/${body.id}`).expect(200);
    expect(stored.body).toMatchObject({ version: 2, yaml: theirs });
    const versions = await request(server.url).get(`/api/orchestrations/${body.id}/versions`).expect(200);
    expect(versions.body.versions).toHaveLength(2);
  });

  it('a PUT without If-Match is refused (428): no blind overwrite', async () => {
    const { body } = await request(server.url)
      .post('/api/orchestrations')
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(201);
    const res = await request(server.url)
      .put(`/api/orchestrations/${body.id}`)
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(428);
    expect(res.body.error.message).toMatch(/send If-Match/);
  });

  it('validate answers diagnostics, plan and estimate without saving', async () => {
    const before = (await request(server.url).get('/api/orchestrations')).body.orchestrations.length;
    const res = await request(server.url)
      .post('/api/validate')
      .send({ yaml: PRIMARY_WITH_REVIEWERS })
      .expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.form).toBe('seed');
    expect(res.body.plan.steps.map((s: { id: string }) => s.id)).toEqual([
      'primary_with_reviewers-1.primary',
      'primary_with_reviewers-1.reviewer.0',
      'primary_with_reviewers-1.reviewer.1',
    ]);
    expect(res.body.estimate.makespanMs).toBe(5500); // 3 s primary + the slower reviewer, 2.5 s
    const bad = await request(server.url)
      .post('/api/validate')
      .send({ yaml: 'primary_agent: [\n' })
      .expect(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.diagnostics[0]).toMatchObject({ severity: 'error', line: 2 });
    expect((await request(server.url).get('/api/orchestrations')).body.orchestrations).toHaveLength(before);
  });

  it('lists the built-in agents', async () => {
    const res = await request(server.url).get('/api/agents').expect(200);
    expect(res.body.agents.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['fastapi-backend-expert', 'architecture-guardian', 'general-purpose']),
    );
  });
});
