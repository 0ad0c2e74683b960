import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIMARY_WITH_REVIEWERS, startTestServer, type TestServer } from './testServer.js';

let server: TestServer;
let existingId: string;
let finishedRunId: string;
let snapshot: string;

/** Everything stored, to prove a refused request changed nothing. */
async function storedState(): Promise<string> {
  const list = await request(server.url).get('/api/orchestrations');
  const records = await Promise.all(
    (list.body.orchestrations as { id: string }[]).map(
      async (o) => (await request(server.url).get(`/api/orchestrations/${o.id}`)).body,
    ),
  );
  const runs = await request(server.url).get('/api/runs');
  return JSON.stringify({ records, runs: runs.body.runs.length });
}

beforeAll(async () => {
  server = await startTestServer();
  existingId = (await request(server.url).post('/api/orchestrations').send({ yaml: PRIMARY_WITH_REVIEWERS }))
    .body.id;
  finishedRunId = (
    await request(server.url).post('/api/runs').send({ yaml: PRIMARY_WITH_REVIEWERS, speed: 100 })
  ).body.id;
  await server.runs.settled(finishedRunId);
  snapshot = await storedState();
});
afterAll(() => server.dispose());

type Case = {
  name: string;
  method: 'get' | 'post' | 'put' | 'delete';
  path: string | (() => string);
  body?: string | object;
  type?: string;
  headers?: Record<string, string>;
  status: number;
  message: RegExp;
};

const yamlCase = (name: string, yaml: string, message: RegExp, status = 400): Case => ({
  name: `POST orchestration: ${name}`,
  method: 'post',
  path: '/api/orchestrations',
  body: { yaml },
  status,
  message,
});

let aliasBomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
for (let i = 1; i < 10; i++)
  aliasBomb += `a${i}: &a${i} [${Array(10)
    .fill(`*a${i - 1}`)
    .join(', ')}]\n`;
let deep = 'x';
for (let i = 0; i < 100; i++) deep = `[${deep}]`;
const cycle = `version: 1
stages:
  - { id: a, pattern: parallel_independent, needs: [b], tasks: [{ agent: comment-cleaner }] }
  - { id: b, pattern: parallel_independent, needs: [a], tasks: [{ agent: comment-cleaner }] }
`;

const CASES: Case[] = [
  yamlCase('broken YAML', 'primary_agent: [\n', /YAML syntax.*\(line 2, column 1\)/),
  yamlCase('tab indentation', 'phases:\n\t- name: a\n', /YAML syntax/),
  yamlCase('duplicate key', 'primary_agent: a\nprimary_agent: b\n', /Map keys must be unique/),
  yamlCase('unclosed quote', 'primary_agent: "fastapi\n', /YAML syntax/),
  yamlCase('empty file', '', /the file is empty/),
  yamlCase('only a comment', '# nothing\n', /the file is empty/),
  yamlCase('a list at the top', '- a\n- b\n', /top level must be a mapping/),
  yamlCase('a number at the top', '42\n', /top level must be a mapping/),
  yamlCase(
    'unknown seed key',
    'primary_agent: a\nreviewers: [b]\n',
    /unknown key 'reviewers' \(did you mean 'reviewer_agents'\?\)/,
  ),
  yamlCase('no pattern in the keys', 'agents_list: [a]\n', /cannot tell the pattern/),
  yamlCase(
    'unknown pattern',
    'stages:\n  - pattern: paralel_independent\n',
    /unknown pattern 'paralel_independent'/,
  ),
  yamlCase(
    'wrong type: max_concurrent text',
    'parallel_execution: true\nmax_concurrent: two\n',
    /expected number, got text "two"/,
  ),
  yamlCase(
    'wrong type: max_concurrent zero',
    'parallel_execution: true\nmax_concurrent: 0\n',
    /must be at least 1/,
  ),
  yamlCase(
    'wrong type: reviewer list is a string',
    'primary_agent: a\nreviewer_agents: b\n',
    /expected array/,
  ),
  yamlCase('wrong type: tasks is a map', 'parallel_execution: true\ntasks: { a: 1 }\n', /expected array/),
  yamlCase('wrong type: stages is a map', 'stages: { a: 1 }\n', /expected array/),
  yamlCase('wrong version', 'version: 2\nstages: []\n', /version must be 1/),
  yamlCase(
    'bad duration',
    'version: 1\ndefaults: { timeout: soon }\nstages: []\n',
    /a duration is a number of milliseconds/,
  ),
  yamlCase('negative retries', 'version: 1\ndefaults: { retries: -1 }\nstages: []\n', /retries/),
  yamlCase('task without agent', 'parallel_execution: true\ntasks:\n  - task: x\n', /'agent' is required/),
  yamlCase('stage that is a string', 'stages:\n  - hello\n', /a stage is a mapping/),
  yamlCase(
    'unknown agent',
    'primary_agent: fastapi-backend-expertt\n',
    /unknown agent 'fastapi-backend-expertt' \(did you mean 'fastapi-backend-expert'\?\)/,
  ),
  yamlCase(
    'unknown reviewer',
    'primary_agent: fastapi-backend-expert\nreviewer_agents: [nobody]\n',
    /unknown agent 'nobody'/,
  ),
  yamlCase(
    'unknown fallback agent',
    'version: 1\ndefaults: { fallback_agent: ghost }\nstages: []\n',
    /unknown agent 'ghost'/,
  ),
  yamlCase('needs cycle', cycle, /needs cycle: a → b → a/),
  yamlCase(
    'needs naming no stage',
    'stages:\n  - { id: a, pattern: parallel_independent, needs: [zz] }\n',
    /needs 'zz', which is no stage/,
  ),
  yamlCase(
    'duplicate stage ids',
    'stages:\n  - { id: a, pattern: parallel_independent }\n  - { id: a, pattern: parallel_independent }\n',
    /duplicate stage id 'a'/,
  ),
  yamlCase(
    'after naming no sync point',
    'sync_points: [s]\ntasks:\n  - { agent: comment-cleaner, after: t }\n',
    /'after: t' names no sync point/,
  ),
  yamlCase(
    'branch without agent',
    'conditional_logic:\n  analyzer: architecture-guardian\n  branches:\n    - condition: x\n',
    /branch 'x' has no agent/,
  ),
  yamlCase('alias bomb', aliasBomb, /alias bomb/),
  yamlCase('100-deep nesting', `primary_agent: a\nprimary_task: ${deep}\n`, /nests deeper than 32 levels/),
  yamlCase(
    '3 MB of YAML in JSON',
    `primary_agent: a\nprimary_task: "${'x'.repeat(2_900_000)}"\n`,
    /largest accepted is 2\.0 MB/,
  ),
  yamlCase(
    'inline command agent',
    'version: 1\nagents:\n  evil: { runtime: { kind: command, command: [rm, -rf, /] } }\nstages:\n  - { pattern: parallel_independent, tasks: [{ agent: evil }] }\n',
    /may define only simulated agents inline/,
  ),
  yamlCase(
    'inline http agent',
    'version: 1\nagents:\n  x: { runtime: { kind: http, url: "http://127.0.0.1:1/" } }\nstages:\n  - { pattern: parallel_independent, tasks: [{ agent: x }] }\n',
    /may define only simulated agents inline/,
  ),
  {
    name: '10 MB body',
    method: 'post',
    path: '/api/orchestrations',
    body: { yaml: 'x'.repeat(10 * 1024 * 1024) },
    status: 413,
    message: /the limit is 3145728 bytes/,
  },
  {
    name: 'invalid JSON',
    method: 'post',
    path: '/api/orchestrations',
    body: '{"yaml": ',
    type: 'application/json',
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'JSON without yaml',
    method: 'post',
    path: '/api/orchestrations',
    body: { yml: 'x' },
    status: 400,
    message: /send \{"yaml": "<file text>"\}/,
  },
  {
    name: 'yaml is a number',
    method: 'post',
    path: '/api/orchestrations',
    body: { yaml: 42 },
    status: 400,
    message: /"yaml" must be a string/,
  },
  {
    name: 'JSON array body',
    method: 'post',
    path: '/api/orchestrations',
    body: '[1,2]',
    type: 'application/json',
    status: 400,
    message: /send \{"yaml"/,
  },
  {
    name: 'wrong content type',
    method: 'post',
    path: '/api/orchestrations',
    body: 'primary_agent: a',
    type: 'text/plain',
    status: 415,
    message: /Content-Type: application\/json/,
  },
  {
    name: 'no body at all',
    method: 'post',
    path: '/api/orchestrations',
    status: 415,
    message: /send Content-Type/,
  },
  {
    name: 'PUT unknown id',
    method: 'put',
    path: '/api/orchestrations/nope',
    headers: { 'If-Match': '"1"' },
    body: { yaml: PRIMARY_WITH_REVIEWERS },
    status: 404,
    message: /no orchestration with id 'nope'/,
  },
  {
    name: 'PUT without If-Match',
    method: 'put',
    path: () => `/api/orchestrations/${existingId}`,
    body: { yaml: PRIMARY_WITH_REVIEWERS },
    status: 428,
    message: /send If-Match/,
  },
  {
    name: 'PUT with a garbage If-Match',
    method: 'put',
    path: () => `/api/orchestrations/${existingId}`,
    headers: { 'If-Match': 'banana' },
    body: { yaml: PRIMARY_WITH_REVIEWERS },
    status: 400,
    message: /If-Match must be a version/,
  },
  {
    name: 'PUT stale',
    method: 'put',
    path: () => `/api/orchestrations/${existingId}`,
    headers: { 'If-Match': '"7"' },
    body: { yaml: PRIMARY_WITH_REVIEWERS },
    status: 412,
    message: /you edited version 7/,
  },
  {
    name: 'PUT broken YAML',
    method: 'put',
    path: () => `/api/orchestrations/${existingId}`,
    headers: { 'If-Match': '"1"' },
    body: { yaml: 'primary_agent: [' },
    status: 400,
    message: /YAML syntax/,
  },
  {
    name: 'GET unknown orchestration',
    method: 'get',
    path: '/api/orchestrations/does-not-exist',
    status: 404,
    message: /no orchestration/,
  },
  {
    name: 'DELETE unknown orchestration',
    method: 'delete',
    path: '/api/orchestrations/does-not-exist',
    status: 404,
    message: /no orchestration/,
  },
  {
    name: 'run: empty body',
    method: 'post',
    path: '/api/runs',
    body: {},
    status: 400,
    message: /exactly one of "orchestrationId", "yaml" and "retryOf"/,
  },
  {
    name: 'run: both ids and yaml',
    method: 'post',
    path: '/api/runs',
    body: { orchestrationId: 'x', yaml: 'y' },
    status: 400,
    message: /exactly one/,
  },
  {
    name: 'run: unknown orchestration',
    method: 'post',
    path: '/api/runs',
    body: { orchestrationId: 'nope' },
    status: 404,
    message: /no orchestration with id 'nope'/,
  },
  {
    name: 'run: broken yaml',
    method: 'post',
    path: '/api/runs',
    body: { yaml: 'primary_agent: [' },
    status: 400,
    message: /YAML syntax/,
  },
  {
    name: 'run: unknown agent',
    method: 'post',
    path: '/api/runs',
    body: { yaml: 'primary_agent: ghost\n' },
    status: 400,
    message: /unknown agent 'ghost'/,
  },
  {
    name: 'run: negative speed',
    method: 'post',
    path: '/api/runs',
    body: { yaml: PRIMARY_WITH_REVIEWERS, speed: -1 },
    status: 400,
    message: /speed must be a number above 0/,
  },
  {
    name: 'run: speed as text',
    method: 'post',
    path: '/api/runs',
    body: { yaml: PRIMARY_WITH_REVIEWERS, speed: 'fast' },
    status: 400,
    message: /speed must be a number/,
  },
  {
    name: 'run: unknown dispatcher',
    method: 'post',
    path: '/api/runs',
    body: { yaml: PRIMARY_WITH_REVIEWERS, dispatcher: 'cloud' },
    status: 400,
    message: /dispatcher must be "local" or "queue"/,
  },
  {
    name: 'run: queue without a queue',
    method: 'post',
    path: '/api/runs',
    body: { yaml: PRIMARY_WITH_REVIEWERS, dispatcher: 'queue' },
    status: 400,
    message: /no queue dispatcher/,
  },
  {
    name: 'run: unknown field',
    method: 'post',
    path: '/api/runs',
    body: { yaml: PRIMARY_WITH_REVIEWERS, sped: 2 },
    status: 400,
    message: /unknown field\(s\): sped/,
  },
  {
    name: 'run: inline command agent',
    method: 'post',
    path: '/api/runs',
    body: {
      yaml: 'version: 1\nagents:\n  e: { runtime: { kind: command, command: [sh] } }\nstages:\n  - { pattern: parallel_independent, tasks: [{ agent: e }] }\n',
    },
    status: 400,
    message: /only simulated agents inline/,
  },
  {
    name: 'unknown run',
    method: 'get',
    path: '/api/runs/nope',
    status: 404,
    message: /no run with id 'nope'/,
  },
  {
    name: 'cancel unknown run',
    method: 'post',
    path: '/api/runs/nope/cancel',
    body: {},
    status: 404,
    message: /no run/,
  },
  {
    name: 'events of unknown run',
    method: 'get',
    path: '/api/runs/nope/events',
    status: 404,
    message: /no run/,
  },
  {
    name: 'artifacts of unknown run',
    method: 'get',
    path: '/api/runs/nope/artifacts/summary.md',
    status: 404,
    message: /no run/,
  },
  {
    name: 'events: after given twice',
    method: 'get',
    path: () => `/api/runs/${finishedRunId}/events?after=1&after=2`,
    status: 400,
    message: /give "after" once/,
  },
  {
    name: 'events: after not a number',
    method: 'get',
    path: () => `/api/runs/${finishedRunId}/events?after=abc`,
    status: 400,
    message: /whole number/,
  },
  {
    name: 'validate a needs cycle (answers, does not hang)',
    method: 'post',
    path: '/api/validate',
    body: { yaml: cycle },
    status: 200,
    message: /./,
  },
  {
    name: 'unknown API route',
    method: 'get',
    path: '/api/nothing-here',
    status: 404,
    message: /no API route GET \/api\/nothing-here/,
  },
  {
    name: 'validate with wrong content type',
    method: 'post',
    path: '/api/validate',
    body: 'x',
    type: 'text/plain',
    status: 415,
    message: /Content-Type/,
  },
];

describe('bad input gets a 4xx a person can act on, never a 500, and changes nothing', () => {
  it('has at least 50 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES)('$name → $status', async (c) => {
    const path = typeof c.path === 'function' ? c.path() : c.path;
    let req = request(server.url)[c.method](path);
    for (const [k, v] of Object.entries(c.headers ?? {})) req = req.set(k, v);
    if (c.type) req = req.set('Content-Type', c.type);
    const res = c.body === undefined ? await req : await req.send(c.body as object);
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    if (c.status === 200) {
      expect(res.body.ok).toBe(false); // a validation answer: the errors are the content
      return;
    }
    expect(res.body.error.message).toMatch(c.message);
    expect(typeof res.body.error.code).toBe('string');
  });

  it('the server is healthy and no stored record changed', async () => {
    await request(server.url)
      .get('/api/health')
      .expect(200, { ok: true, version: '0.1.0', dispatchers: ['local'], defaultDispatcher: 'local' });
    expect(await storedState()).toBe(snapshot);
  });
});
