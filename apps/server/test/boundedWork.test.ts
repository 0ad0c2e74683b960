import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_FILES, longIds, repeatLines } from '../../../packages/core/test/fixtures/hostileFiles.js';
import { CheckPool } from '../src/checks/CheckPool.js';
import { startTestServer, type TestServer } from './testServer.js';

/**
 * Issue 10 §2: no request may stall the event loop. Each heavy file is posted over HTTP while
 * `/api/health` is asked again and again: it must answer within 100 ms throughout, the file
 * must get a 4xx saying what to fix (never a 5xx), and nothing stored may change.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // A first check starts the worker threads: the cases time the checks, not the start-up.
  await fetch(`${server.url}/api/validate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ yaml: 'primary_agent: comment-cleaner\n' }),
  });
});
afterAll(() => server.dispose());

const rep = repeatLines;

/** `/api/health` asked every 10 ms while `work` is under way: the answer times, in ms. */
async function healthDuring<T>(work: () => Promise<T>): Promise<{ result: T; latencies: number[] }> {
  let done = false;
  const latencies: number[] = [];
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/health`);
      await res.text();
      latencies.push(performance.now() - started);
      await sleep(10);
    }
  })();
  try {
    return { result: await work(), latencies };
  } finally {
    done = true;
    await poll;
  }
}

/** POST `{"yaml": …}`; give the body already encoded to time the server, not the encoding. */
async function post(path: string, yaml: string | { body: string }) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof yaml === 'string' ? JSON.stringify({ yaml }) : yaml.body,
  });
  const text = await res.text();
  return { status: res.status, bytes: text.length, body: JSON.parse(text) };
}

const HEAVY: [string, () => string, RegExp][] = [
  ['ids of 100,000 characters', () => longIds(100_000), /a name or id is at most 200 characters/],
  [
    '60,000 empty stages',
    HOSTILE_FILES.emptyStages,
    /more than 100,000 YAML tokens .*: split it into smaller orchestrations/,
  ],
  [
    '100,000 inline agents with unknown keys',
    HOSTILE_FILES.inlineAgentsWithUnknownKeys,
    /more than 100,000 YAML tokens/,
  ],
  ['60,000 review_tasks keys', HOSTILE_FILES.reviewTaskKeys, /more than 100,000 YAML tokens/],
  ['1,000,000 unknown reviewers', HOSTILE_FILES.unknownReviewers, /more than 100,000 YAML tokens/],
  ['a 6,000-stage needs chain', HOSTILE_FILES.needsChain, /more than 100,000 YAML tokens/],
  [
    'a 999-stage needs chain of unknown agents',
    () =>
      `version: 1\nstages:\n${rep(999, (i) => `- {id: s${i}, pattern: parallel_independent${i ? `, needs: [s${i - 1}]` : ''}, tasks: [{agent: ghost-${i}}]}\n`)}`,
    /unknown agent 'ghost-0'/,
  ],
  [
    '1,000 unknown review_tasks keys among 999 reviewers',
    HOSTILE_FILES.unknownReviewTaskKeys,
    /unknown agent 'reviewer-agent-number-0-xyz'/,
  ],
  [
    '2.4 MB of UTF-8 in 1.2 M characters',
    () => `primary_agent: comment-cleaner\nprimary_task: "${'é'.repeat(1_200_000)}"\n`,
    /the file is 2\.3 MB; the largest accepted is 2\.0 MB/,
  ],
];

describe('a heavy file never stalls the server', () => {
  it.each(HEAVY)(
    '%s: 400 to store, a small answer to validate, /api/health within 100 ms',
    async (_n, make, message) => {
      const yaml = { body: JSON.stringify({ yaml: make() }) };
      const stored = await healthDuring(() => post('/api/orchestrations', yaml));
      expect(stored.result.status, JSON.stringify(stored.result.body).slice(0, 300)).toBe(400);
      expect(stored.result.body.error.message).toMatch(message);
      const validated = await healthDuring(() => post('/api/validate', yaml));
      expect(validated.result.status).toBe(200);
      expect(validated.result.body.ok).toBe(false);
      expect(validated.result.body.diagnostics[0].message).toMatch(message);
      expect(validated.result.bytes).toBeLessThan(2_000_000);
      for (const { latencies } of [stored, validated]) {
        expect(latencies.length).toBeGreaterThan(0);
        expect(Math.max(...latencies)).toBeLessThan(100);
      }
    },
  );

  it('5,000 unknown agents: the first 200 diagnostics, and how many more', async () => {
    const yaml = `version: 1\nstages:\n${rep(100, (s) => `- pattern: parallel_independent\n  id: s${s}\n  needs: []\n  tasks:\n${rep(50, (i) => `  - agent: unknown-agent-${s}-${i}\n`)}`)}`;
    const body = { body: JSON.stringify({ yaml }) };
    const { result, latencies } = await healthDuring(() => post('/api/validate', body));
    expect(result.body.diagnostics).toHaveLength(200);
    expect(result.body.moreDiagnostics).toBe(4_800);
    expect(result.body.diagnostics[0].message).toMatch(/^unknown agent 'unknown-agent-0-0'/);
    expect(result.body.estimate).toBeNull();
    expect(result.bytes).toBeLessThan(3_000_000);
    expect(Math.max(...latencies)).toBeLessThan(100);
    const refused = await post('/api/orchestrations', yaml);
    expect(refused.status).toBe(400);
    expect(refused.body.error.diagnostics).toHaveLength(200);
    expect(refused.body.error.moreDiagnostics).toBe(4_800);
  });

  it('a valid file lists every diagnostic: moreDiagnostics is 0', async () => {
    const { body } = await post('/api/validate', 'primary_agent: comment-cleaner\n');
    expect(body).toMatchObject({ ok: true, moreDiagnostics: 0 });
    expect(body.estimate.makespanMs).toBeGreaterThan(0);
  });

  it('a body declared as 99,999,999,999 bytes is refused at once from its header, and the connection closed', async () => {
    const { port } = new URL(server.url);
    const started = performance.now();
    const { head, closedAfter } = await new Promise<{ head: string; closedAfter: number }>(
      (resolve, reject) => {
        let got = '';
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(
            `POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{}`,
          ),
        );
        socket.on('data', (chunk) => {
          got += chunk.toString();
        });
        socket.on('close', () => resolve({ head: got, closedAfter: performance.now() - started }));
        socket.on('error', reject);
        setTimeout(() => socket.destroy(new Error(`no answer in 5 s: ${got}`)), 5000).unref();
      },
    );
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head).toMatch(/the limit is 3145728 bytes/);
    expect(closedAfter).toBeLessThan(1000);
  });

  it('nothing was stored', async () => {
    const list = await (await fetch(`${server.url}/api/orchestrations`)).json();
    expect(list.orchestrations).toEqual([]);
  });
});

describe('CheckPool', () => {
  it('a check past its time budget is stopped and refused with a 400 that says so', async () => {
    const pool = new CheckPool({ size: 1, budgetMs: 20 });
    const large = readFileSync(
      new URL('../../../examples/large-1000-steps.baton.yaml', import.meta.url),
      'utf8',
    );
    try {
      await expect(pool.check(large, { agents: {}, unavailableAgents: {} })).rejects.toMatchObject({
        status: 400,
        code: 'file_too_complex',
        message: 'checking the file took longer than 0.02 s; split it into smaller orchestrations',
      });
    } finally {
      await pool.close();
    }
  });
});
