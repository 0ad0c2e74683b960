import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIMARY_WITH_REVIEWERS, startTestServer, type TestServer } from './testServer.js';

let server: TestServer;
let outside: string;
beforeAll(async () => {
  server = await startTestServer();
  // A secret beside the data folder, and one far away: neither may ever be served.
  outside = mkdtempSync(join(tmpdir(), 'baton-outside-'));
  writeFileSync(join(outside, 'context.json'), '{"secret": true}');
  writeFileSync(join(outside, 'summary.md'), 'SECRET');
  writeFileSync(join(server.dataDir, 'summary.md'), 'SECRET BESIDE');
});
afterAll(async () => {
  await server.dispose();
  rmSync(outside, { recursive: true, force: true });
});

async function finishedRun(): Promise<string> {
  const { body } = await request(server.url)
    .post('/api/runs')
    .send({ yaml: PRIMARY_WITH_REVIEWERS, speed: 100 });
  await server.runs.settled(body.id);
  return body.id as string;
}

/** Rewrite, straight in the SQLite file, where the run's stored events say its context.json is. */
function storeContextPath(runId: string, path: string) {
  const db = new Database(join(server.dataDir, 'baton.sqlite'));
  try {
    const rows = db
      .prepare("SELECT seq, data FROM run_events WHERE run_id = ? AND type = 'artifact.created'")
      .all(runId) as { seq: number; data: string }[];
    const update = db.prepare('UPDATE run_events SET data = ? WHERE run_id = ? AND seq = ?');
    let changed = 0;
    for (const row of rows) {
      const data = JSON.parse(row.data) as { path: string };
      if (!data.path.endsWith('context.json')) continue;
      update.run(JSON.stringify({ ...data, path }), runId, row.seq);
      changed++;
    }
    expect(changed).toBeGreaterThan(0);
  } finally {
    db.close();
  }
}

describe('the artifact route serves only files inside the run’s own folder, whatever a stored event says', () => {
  it('a run as written serves its summary (the baseline)', async () => {
    const runId = await finishedRun();
    const res = await request(server.url).get(`/api/runs/${runId}/artifacts/summary.md`).expect(200);
    expect(res.text).toContain('# ');
  });

  it.each([
    ['an absolute path elsewhere', () => join(outside, 'context.json')],
    [
      'a relative path climbing out of the data folder',
      () => `../../../../../../../..${outside}/context.json`,
    ],
    ['the data folder itself', () => 'context.json'],
    ['the .artifacts folder itself', () => '.artifacts/context.json'],
  ])('a stored context.json path of %s: 404, the outside file never served', async (_what, path) => {
    const runId = await finishedRun();
    storeContextPath(runId, path());
    for (const file of ['summary.md', 'context.json']) {
      const res = await request(server.url).get(`/api/runs/${runId}/artifacts/${file}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('no_artifacts');
      expect(res.text).not.toContain('SECRET');
      expect(res.text).not.toContain('"secret"');
    }
  });

  it('a link in the run folder to a file outside it is refused (403), a folder link too', async () => {
    const runId = await finishedRun();
    const { body: context } = await request(server.url)
      .get(`/api/runs/${runId}/artifacts/context.json`)
      .expect(200);
    const runDir = join(server.dataDir, context.session_dir as string);
    symlinkSync(join(outside, 'summary.md'), join(runDir, 'agent-reports', 'leak-report.md'));
    mkdirSync(join(runDir, 'handoff'), { recursive: true });
    symlinkSync(outside, join(runDir, 'handoff', 'away'));
    for (const path of ['agent-reports/leak-report.md', 'handoff/away/summary.md']) {
      const res = await request(server.url).get(`/api/runs/${runId}/artifacts/${path}`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/a link to a file outside the run's artifact folder/);
      expect(res.text).not.toContain('SECRET');
    }
  });

  it('a run folder that is itself a link out of .artifacts serves nothing', async () => {
    const runId = await finishedRun();
    const { body: context } = await request(server.url)
      .get(`/api/runs/${runId}/artifacts/context.json`)
      .expect(200);
    const runDir = join(server.dataDir, context.session_dir as string);
    rmSync(runDir, { recursive: true });
    symlinkSync(outside, runDir);
    const res = await request(server.url).get(`/api/runs/${runId}/artifacts/summary.md`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('SECRET');
  });
});
