import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from './sse.js';
import { PRIMARY_WITH_REVIEWERS, startTestServer, type TestServer } from './testServer.js';

/** Large enough to need new pages: a store with no room left cannot take it. */
const BIG = `# ${'a long description line. '.repeat(2000)}\n${PRIMARY_WITH_REVIEWERS}`;

const DISK_FULL = {
  error: {
    code: 'disk_full',
    message: expect.stringMatching(
      /^the disk holding Baton's store is full: .+ was not saved, nothing of it was stored; free some space and try again$/,
    ),
  },
};

let server: TestServer;
let orchestrationId: string;
let runId: string;
beforeAll(async () => {
  server = await startTestServer();
  const saved = await request(server.url)
    .post('/api/orchestrations')
    .set('Content-Type', 'application/yaml')
    .send(PRIMARY_WITH_REVIEWERS)
    .expect(201);
  orchestrationId = saved.body.id;
  const run = await request(server.url).post('/api/runs').send({ orchestrationId, speed: 100 }).expect(201);
  runId = run.body.id;
  await server.runs.settled(runId);
});
afterAll(() => server.dispose());

/** Every page the store has is its last: SQLite answers SQLITE_FULL to a write that needs one more, as on a full disk. */
function fillTheDisk() {
  const pages = server.db.pragma('page_count', { simple: true }) as number;
  server.db.pragma(`max_page_count = ${pages}`);
}
const makeRoom = () => server.db.pragma('max_page_count = 1073741823');

describe('a full disk', () => {
  it('writes answer 507 saying the disk is full, nothing half-written, reads keep working', async () => {
    const before = {
      list: (await request(server.url).get('/api/orchestrations').expect(200)).body,
      record: (await request(server.url).get(`/api/orchestrations/${orchestrationId}`).expect(200)).body,
      versions: (await request(server.url).get(`/api/orchestrations/${orchestrationId}/versions`).expect(200))
        .body,
      runs: (await request(server.url).get('/api/runs').expect(200)).body,
    };
    fillTheDisk();
    try {
      const created = await request(server.url)
        .post('/api/orchestrations')
        .set('Content-Type', 'application/yaml')
        .send(BIG)
        .expect(507);
      expect(created.body).toEqual(DISK_FULL);
      expect(created.body.error.message).toContain('the orchestration was not saved');

      const updated = await request(server.url)
        .put(`/api/orchestrations/${orchestrationId}`)
        .set('Content-Type', 'application/yaml')
        .set('If-Match', `"${before.record.version}"`)
        .send(BIG)
        .expect(507);
      expect(updated.body).toEqual(DISK_FULL);

      const run = await request(server.url).post('/api/runs').send({ yaml: BIG, speed: 100 }).expect(507);
      expect(run.body).toEqual(DISK_FULL);
      expect(run.body.error.message).toContain('the run was not saved');

      // Nothing of those writes is stored, and every read answers as before.
      await request(server.url).get('/api/health').expect(200);
      expect((await request(server.url).get('/api/orchestrations').expect(200)).body).toEqual(before.list);
      expect(
        (await request(server.url).get(`/api/orchestrations/${orchestrationId}`).expect(200)).body,
      ).toEqual(before.record);
      expect(
        (await request(server.url).get(`/api/orchestrations/${orchestrationId}/versions`).expect(200)).body,
      ).toEqual(before.versions);
      expect((await request(server.url).get('/api/runs').expect(200)).body).toEqual(before.runs);
      await request(server.url).get(`/api/runs/${runId}`).expect(200);
      const replay = openEventStream(`${server.url}/api/runs/${runId}/events`);
      await replay.ended;
      expect(replay.events.at(-1)?.type).toBe('run.succeeded');
    } finally {
      makeRoom();
    }
    // Once there is room again, the same save goes through.
    await request(server.url)
      .post('/api/orchestrations')
      .set('Content-Type', 'application/yaml')
      .send(BIG)
      .expect(201);
  });
});
