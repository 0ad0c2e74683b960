import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../src/index.js';
import { openEventStream } from './sse.js';
import { PRIMARY_WITH_REVIEWERS, startTestServer } from './testServer.js';

const SEQUENTIAL = readFileSync(
  fileURLToPath(new URL('../../../examples/full/2-sequential-handoff.baton.yaml', import.meta.url)),
  'utf8',
);

describe('resilience', () => {
  it('a stored run that can no longer resume is marked failed, and the server starts anyway', async () => {
    const first = await startTestServer();
    await first.close();
    const db = new Database(join(first.dataDir, 'baton.sqlite'));
    db.prepare(
      "INSERT INTO runs (id, orchestration_id, name, yaml, speed, dispatcher, status, created_at) VALUES ('broken', NULL, 'x', 'stages: [', 1, 'local', 'running', ?)",
    ).run(new Date().toISOString());
    db.close();

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      await request(second.url).get('/api/health').expect(200);
      const run = await request(second.url).get('/api/runs/broken').expect(200);
      expect(run.body.status).toBe('failed');
      const stream = openEventStream(`${second.url}/api/runs/broken/events`);
      await stream.ended;
      expect(stream.events).toEqual([
        expect.objectContaining({
          seq: 1,
          type: 'run.failed',
          data: { error: expect.stringMatching(/could not resume.*YAML syntax/) },
        }),
      ]);
    } finally {
      await second.dispose();
    }
  });

  it("a stored run whose agent's file broke since says that file and why, not 'unknown agent'", async () => {
    const first = await startTestServer();
    await first.close();
    const yaml =
      'version: 1\nname: x\nstages:\n  - id: a\n    pattern: sequential_handoff\n    tasks:\n      - { agent: my-reviewer, task: review }\n';
    const db = new Database(join(first.dataDir, 'baton.sqlite'));
    db.prepare(
      "INSERT INTO runs (id, orchestration_id, name, yaml, speed, dispatcher, status, created_at) VALUES ('orphan', NULL, 'x', ?, 1, 'local', 'running', ?)",
    ).run(yaml, new Date().toISOString());
    db.close();
    // The agents folder (the data dir here) now holds that agent's file, broken.
    mkdirSync(join(first.dataDir, '.claude', 'agents'), { recursive: true });
    writeFileSync(join(first.dataDir, '.claude', 'agents', 'my-reviewer.md'), 'no front matter here\n');

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const stream = openEventStream(`${second.url}/api/runs/orphan/events`);
      await stream.ended;
      const failed = stream.events.find((e) => e.type === 'run.failed');
      expect(failed?.data).toEqual({
        error: expect.stringMatching(/could not resume.*my-reviewer.*my-reviewer\.md.*could not be read/),
      });
      expect(JSON.stringify(failed?.data)).not.toContain('unknown agent');
    } finally {
      await second.dispose();
    }
  });

  it('one server per data directory: a second one refuses to start', async () => {
    const server = await startTestServer();
    try {
      await expect(startTestServer({ dataDir: server.dataDir })).rejects.toThrow(DataDirInUseError);
      await expect(startTestServer({ dataDir: server.dataDir })).rejects.toThrow(
        /another Baton server \(pid \d+\) is using/,
      );
    } finally {
      await server.dispose();
    }
  });

  it('replaying a finished run leaves no listener behind', async () => {
    const server = await startTestServer();
    try {
      const { body } = await request(server.url)
        .post('/api/runs')
        .send({ yaml: PRIMARY_WITH_REVIEWERS, speed: 100 })
        .expect(201);
      await server.runs.settled(body.id);
      for (let i = 0; i < 5; i++) await openEventStream(`${server.url}/api/runs/${body.id}/events`).ended;
      expect(server.runs.listenerCount(body.id)).toBe(0);
    } finally {
      await server.dispose();
    }
  });

  it('when the store refuses a batch, that run stops, no client sees the lost events, and the server stays healthy', async () => {
    const server = await startTestServer();
    try {
      const { body } = await request(server.url)
        .post('/api/runs')
        .send({ yaml: SEQUENTIAL, speed: 2 })
        .expect(201);
      const stream = openEventStream(`${server.url}/api/runs/${body.id}/events`);
      await new Promise((r) => setTimeout(r, 300));
      // Another writer takes the next seqs: the next batch cannot be stored.
      const db = new Database(join(server.dataDir, 'baton.sqlite'));
      const last = (
        db.prepare('SELECT MAX(seq) AS n FROM run_events WHERE run_id = ?').get(body.id) as { n: number }
      ).n;
      const insert = db.prepare(
        "INSERT INTO run_events (run_id, seq, ts, type) VALUES (?, ?, ?, 'step.log')",
      );
      for (let seq = last + 1; seq <= last + 50; seq++) insert.run(body.id, seq, new Date().toISOString());
      db.close();
      await server.runs.settled(body.id);
      expect(server.runs.isActive(body.id)).toBe(false);
      await request(server.url).get('/api/health').expect(200);
      stream.disconnect();
      await stream.ended;
      expect(stream.events.every((e) => e.seq <= last)).toBe(true);
    } finally {
      await server.dispose();
    }
  });
});
