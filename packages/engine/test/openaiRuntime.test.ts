import type { ServerResponse } from 'node:http';
import { type AgentCatalog, type AgentInfo, BUILTIN_AGENTS } from '@baton/core';
import { realClock } from '@baton/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first, forStep, run, start, stepStatus } from './helpers.js';
import { eventually, type TestServer, testServer } from './testServer.js';

let server: TestServer;

function stream(res: ServerResponse, pieces: string[], done = true) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(': a comment line the client must skip\n\n');
  for (const piece of pieces)
    res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
  if (done) res.write('data: [DONE]\n\n');
  res.end();
}

beforeAll(async () => {
  server = await testServer({
    '/v1/chat/completions': (_req, res) =>
      stream(res, [
        'Looks ',
        'mostly fine.\nVERDICT: changes',
        '_requested\nFINDINGS:\n- add tests\n',
        '- handle 429\n',
      ]),
    '/analyst/v1/chat/completions': (_req, res) =>
      stream(res, ['The code is tangled.\n', 'CONDITION: high_complexity']),
    '/plain/v1/chat/completions': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: 'All good.\nVERDICT: approve' } }] }));
    },
    '/error/v1/chat/completions': (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'model overloaded' } }));
    },
    '/hang/v1/chat/completions': (_req, res) => {
      // Starts a stream, sends one token, then never another.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'thinking' } }] })}\n\n`);
    },
    '/garbage/v1/chat/completions': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"choices": [ not json\n\n');
    },
    '/html/v1/chat/completions': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    },
  });
});
afterAll(() => server.close());

function llm(name: string, path: string, extra: Partial<AgentInfo> = {}): AgentInfo {
  return {
    name,
    source: 'file',
    system_prompt: `You are ${name}, strict but fair.`,
    runtime: {
      kind: 'openai',
      base_url: `${server.url}${path}/v1/`,
      model: 'test-model',
      api_key_env: 'BATON_TEST_KEY',
      temperature: 0.2,
    },
    ...extra,
  };
}

const catalog = (...agents: AgentInfo[]): AgentCatalog => ({
  ...BUILTIN_AGENTS,
  ...Object.fromEntries(agents.map((a) => [a.name, a])),
});

const review = `version: 1
agents:
  dev: { runtime: { kind: simulated, duration: 10ms, output: "def pay(): ..." } }
stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    primary_task: Payment API
    reviewer_agents: [critic]
    review_tasks: { critic: Review the payment code }
`;

const single = (task = '') => `version: 1
stages:
  - id: s
    pattern: parallel_independent
    tasks: [{ agent: critic, task: Review, ${task} }]
`;

const failure = async (path: string, task = '') => {
  const { events } = await run(single(task), {
    clock: realClock,
    agentsCatalog: catalog(llm('critic', path)),
  });
  return (first(events, 's.task.0', 'step.failed').data as { error: string }).error;
};

describe('openai runtime (local chat-completions server)', () => {
  process.env.BATON_TEST_KEY = 'sk-test';

  it('streams the answer as log lines and reads the verdict and findings from it', async () => {
    const { events, state } = await run(review, {
      clock: realClock,
      agentsCatalog: catalog(llm('critic', '')),
    });
    expect(first(events, 'pay.reviewer.0', 'review.verdict').data).toEqual({
      verdict: 'changes_requested',
      findings: ['add tests', 'handle 429'],
      round: 1,
    });
    expect(
      forStep(events, 'pay.reviewer.0', 'step.log').map((e) => (e.data as { line: string }).line),
    ).toEqual([
      'Looks mostly fine.',
      'VERDICT: changes_requested',
      'FINDINGS:',
      '- add tests',
      '- handle 429',
    ]);
    expect(state.status).toBe('failed'); // no revisions allowed: the requested changes fail the stage

    const req = server.seen.find((r) => r.url === '/v1/chat/completions')!;
    expect(req.headers.authorization).toBe('Bearer sk-test');
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ model: 'test-model', stream: true, temperature: 0.2 });
    expect(body.messages[0]).toEqual({ role: 'system', content: 'You are critic, strict but fair.' });
    expect(body.messages[1].content).toContain('Task: Review the payment code');
    expect(body.messages[1].content).toContain('Result of pay.primary:\ndef pay(): ...');
    expect(body.messages[1].content).toContain('VERDICT: approve');
  });

  it('reads an analyzer’s condition, offered the branches’ conditions', async () => {
    const yaml = `version: 1
agents:
  cleaner: { runtime: { kind: simulated, duration: 10ms } }
stages:
  - id: q
    pattern: conditional_branching
    conditional_logic:
      analyzer: analyst
      branches: [{ condition: high_complexity, agent: cleaner }, { condition: simple_cleanup, agent: cleaner }]
`;
    const { state } = await run(yaml, {
      clock: realClock,
      agentsCatalog: catalog(llm('analyst', '/analyst')),
    });
    expect(state.branches.q).toEqual({ condition: 'high_complexity', stepId: 'q.branch.0' });
    const req = server.seen.find((r) => r.url === '/analyst/v1/chat/completions')!;
    expect(JSON.parse(req.body).messages[1].content).toContain('one of: high_complexity, simple_cleanup');
  });

  it('accepts a non-streaming JSON answer', async () => {
    const { events, state } = await run(single(), {
      clock: realClock,
      agentsCatalog: catalog(llm('critic', '/plain')),
    });
    expect(state.status).toBe('succeeded');
    expect(first(events, 's.task.0', 'step.succeeded').data).toMatchObject({
      result: { output: 'All good.\nVERDICT: approve', verdict: 'approve' },
    });
  });

  it('fails on an error status, a garbage stream, and a page that is not an answer', async () => {
    expect(await failure('/error')).toBe(
      `${server.url}/error/v1/chat/completions answered HTTP 503: {"error":{"message":"model overloaded"}}`,
    );
    expect(await failure('/garbage')).toBe(
      `${server.url}/garbage/v1/chat/completions: unreadable stream chunk: {"choices": [ not json`,
    );
    expect(await failure('/html')).toBe(
      `${server.url}/html/v1/chat/completions: the answer is neither JSON nor an event stream: <h1>Bad gateway</h1>`,
    );
  });

  it('aborts a stream that hangs at the timeout, and on cancel', async () => {
    expect(await failure('/hang', 'timeout: 300ms')).toBe('timed out after 300ms');
    const before = server.seen.length;
    const r = start(single(), { clock: realClock, agentsCatalog: catalog(llm('critic', '/hang')) });
    await eventually(() => server.seen.length > before);
    r.handle.cancel();
    const state = await r.handle.done;
    expect(stepStatus(state, 's.task.0')).toBe('cancelled');
    await eventually(() => server.seen[before]?.aborted === true);
  });

  it('fails without calling when the API key variable is not set', async () => {
    const before = server.seen.length;
    const agent = llm('critic', '', {});
    agent.runtime = {
      kind: 'openai',
      base_url: `${server.url}/v1`,
      model: 'm',
      api_key_env: 'BATON_TEST_NO_SUCH_KEY',
    };
    const { events } = await run(single(), { clock: realClock, agentsCatalog: catalog(agent) });
    expect((first(events, 's.task.0', 'step.failed').data as { error: string }).error).toBe(
      'the environment variable BATON_TEST_NO_SUCH_KEY (the API key) is not set',
    );
    expect(server.seen.length).toBe(before);
  });
});
