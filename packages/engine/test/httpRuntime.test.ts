import { type AgentCatalog, BUILTIN_AGENTS } from '@baton/core';
import { realClock } from '@baton/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, run, start, stepStatus } from './helpers.js';
import { eventually, type TestServer, testServer } from './testServer.js';

let server: TestServer;

beforeAll(async () => {
  server = await testServer({
    '/ok': (req, res) => {
      const body = JSON.parse(req.body) as { task: string; stepId: string };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ output: `done: ${body.task}`, verdict: 'approve', findings: [] }));
    },
    '/error': (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal explosion');
    },
    '/hang': () => {
      // Never answers.
    },
    '/garbage': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>');
    },
    '/array': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('[1, 2]');
    },
  });
});
afterAll(() => server.close());

const agents = (path: string): AgentCatalog => ({
  ...BUILTIN_AGENTS,
  remote: {
    name: 'remote',
    source: 'file',
    runtime: { kind: 'http', url: `${server.url}${path}`, headers: { 'x-team': 'baton' } },
  },
});

const yaml = (task = '') => `version: 1
stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: remote, task: Summarise the design, ${task} }
`;

describe('http runtime (local test server)', () => {
  it('POSTs the invocation as JSON and reads the result JSON', async () => {
    const { events, state } = await run(yaml(), { clock: realClock, agentsCatalog: agents('/ok') });
    expect(state.status).toBe('succeeded');
    expect(first(events, 's.task.0', 'step.succeeded').data).toMatchObject({
      summary: 'done: Summarise the design',
      result: { output: 'done: Summarise the design', verdict: 'approve' },
    });
    const req = server.seen.at(-1)!;
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-team']).toBe('baton');
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({
      runId: 'test-run',
      stepId: 's.task.0',
      attempt: 1,
      key: 'test-run:s.task.0:1',
    });
    expect(body.definition).toBeUndefined(); // the agent's own settings stay home
  });

  it('fails the step on an HTTP error, naming the status and body', async () => {
    const { events } = await run(yaml(), { clock: realClock, agentsCatalog: agents('/error') });
    expect((first(events, 's.task.0', 'step.failed').data as { error: string }).error).toBe(
      `${server.url}/error answered HTTP 500: internal explosion`,
    );
  });

  it('fails the step on an answer that is not JSON, or not an object', async () => {
    const garbage = await run(yaml(), { clock: realClock, agentsCatalog: agents('/garbage') });
    expect((first(garbage.events, 's.task.0', 'step.failed').data as { error: string }).error).toBe(
      `${server.url}/garbage answered something that is not JSON: <html>oops</html>`,
    );
    const array = await run(yaml(), { clock: realClock, agentsCatalog: agents('/array') });
    expect((first(array.events, 's.task.0', 'step.failed').data as { error: string }).error).toMatch(
      /is not a JSON object: \[1,2\]/,
    );
  });

  it('aborts a call that hangs at the step’s timeout', async () => {
    const before = server.seen.length;
    const { events, state } = await run(yaml('timeout: 300ms'), {
      clock: realClock,
      agentsCatalog: agents('/hang'),
    });
    expect(stepStatus(state, 's.task.0')).toBe('failed');
    expect((first(events, 's.task.0', 'step.failed').data as { error: string }).error).toBe(
      'timed out after 300ms',
    );
    await eventually(() => server.seen[before]?.aborted === true);
  });

  it('cancel aborts the HTTP call in flight', async () => {
    const before = server.seen.length;
    const r = start(yaml(), { clock: realClock, agentsCatalog: agents('/hang') });
    await eventually(() => server.seen.length > before);
    r.handle.cancel();
    const state = await r.handle.done;
    expect(state.status).toBe('cancelled');
    expect(stepStatus(state, 's.task.0')).toBe('cancelled');
    await eventually(() => server.seen[before]?.aborted === true);
  });

  it('fails the step when nothing listens', async () => {
    const closed = await testServer({});
    await closed.close();
    const catalog: AgentCatalog = {
      ...BUILTIN_AGENTS,
      remote: { name: 'remote', source: 'file', runtime: { kind: 'http', url: `${closed.url}/x` } },
    };
    const { events } = await run(yaml(), { clock: realClock, agentsCatalog: catalog });
    expect((first(events, 's.task.0', 'step.failed').data as { error: string }).error).toMatch(
      /^cannot reach http:\/\/127\.0\.0\.1:\d+\/x: fetch failed: .*ECONNREFUSED/,
    );
  });
});
