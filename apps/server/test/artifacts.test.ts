import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from './sse.js';
import { startTestServer, type TestServer } from './testServer.js';

const YAML = readFileSync(
  fileURLToPath(new URL('../../../examples/full/6-fan-out-fan-in.baton.yaml', import.meta.url)),
  'utf8',
);

let server: TestServer;
let runId: string;
beforeAll(async () => {
  server = await startTestServer();
  runId = (await request(server.url).post('/api/runs').send({ yaml: YAML, speed: 50 }).expect(201)).body.id;
  await openEventStream(`${server.url}/api/runs/${runId}/events`).ended;
});
afterAll(() => server.dispose());

describe('run artifacts', () => {
  it('serves the context, each step report and the summary', async () => {
    const context = await request(server.url).get(`/api/runs/${runId}/artifacts/context.json`).expect(200);
    expect(context.headers['content-type']).toMatch(/application\/json/);
    const report = await request(server.url)
      .get(`/api/runs/${runId}/artifacts/agent-reports/auth.fanin-report.md`)
      .expect(200);
    expect(report.text).toContain('auth.fanin');
    const summary = await request(server.url).get(`/api/runs/${runId}/artifacts/summary.md`).expect(200);
    expect(summary.text).toContain('auth.fanout.0');
  });

  it('is the seed’s layout: <YYYYMMDD_HHMMSS>/, a *-report.md per step, context.json completed', async () => {
    const run = await request(server.url).get(`/api/runs/${runId}`).expect(200);
    const stepIds = Object.keys(run.body.steps);
    const { body: context } = await request(server.url).get(`/api/runs/${runId}/artifacts/context.json`);
    expect(context.session_dir).toMatch(/^\.artifacts\/[a-z0-9-]+\/\d{8}_\d{6}(-\d+)?$/);
    expect(context).toMatchObject({
      feature_name: run.body.name,
      status: 'completed',
      summary_path: `${context.session_dir}/summary.md`,
      baton: { runId, simulate: false, workspace: run.body.workspace },
    });
    expect(typeof context.timestamp).toBe('string');
    expect(typeof context.created_at).toBe('string');
    expect(context.agents_executed).toHaveLength(stepIds.length);
    const reports = context.agents_executed.map((a: { report_path: string }) => a.report_path).sort();
    expect(reports).toEqual(
      stepIds.map((id) => `${context.session_dir}/agent-reports/${id}-report.md`).sort(),
    );
    for (const id of stepIds) {
      await request(server.url).get(`/api/runs/${runId}/artifacts/agent-reports/${id}-report.md`).expect(200);
    }
  });

  it.each([
    ['%2e%2e/%2e%2e/baton.sqlite', /no "\.\."/],
    ['agent-reports/%2e%2e/%2e%2e/%2e%2e/etc/passwd', /no "\.\."/],
    ['..%2f..%2fbaton.sqlite', /points outside|no "\.\."/],
    ['agent-reports%5c..%5c..%5cbaton.sqlite', /backslashes/],
    ['%2fetc%2fpasswd', /points outside|no "\.\."/],
  ])('refuses a path that escapes the run folder: %s', async (path, message) => {
    const res = await request(server.url).get(`/api/runs/${runId}/artifacts/${path}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toMatch(message);
  });

  it('an artifact that does not exist is a 404', async () => {
    const res = await request(server.url)
      .get(`/api/runs/${runId}/artifacts/agent-reports/nope.md`)
      .expect(404);
    expect(res.body.error.message).toMatch(/no artifact 'agent-reports\/nope\.md'/);
  });
});
