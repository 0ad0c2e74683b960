import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../packages/engine/test/queue/redisServer.js';
import { kill9, startWorker, type WorkerProcess } from '../../server/test/queue/queueCluster.js';
import { BATON_BIN, REPO_ROOT, runBaton } from './runBaton.js';

/** `baton worker` and `baton run --dispatcher queue` as processes, against a real Redis. */

let redis: TestRedis;
let tmp: string;
const workers: WorkerProcess[] = [];
const runs: ReturnType<typeof spawn>[] = [];

beforeAll(async () => {
  redis = await startRedis();
  tmp = mkdtempSync(join(tmpdir(), 'baton-cli-worker-'));
});
afterEach(async () => {
  await Promise.all([...runs.splice(0), ...workers.splice(0).map((w) => w.child)].map(kill9));
});
afterAll(async () => {
  expect(await redis.stop()).toEqual([]);
  rmSync(tmp, { recursive: true, force: true });
});

async function worker(id: string, concurrency = 1): Promise<WorkerProcess> {
  const w = await startWorker(redis.url, { id, concurrency, workspace: tmp });
  workers.push(w);
  return w;
}

/** `baton run FILE --dispatcher queue --redis URL --json` in the background: its events and exit code. */
function runInBackground(file: string) {
  const child = spawn(
    process.execPath,
    [BATON_BIN, 'run', file, '--dispatcher', 'queue', '--redis', redis.url, '--json', '--data-dir', tmp],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  runs.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    exited,
    events: () =>
      out
        .split('\n')
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              type: string;
              stepId?: string;
              attempt?: number;
              data?: Record<string, unknown>;
            },
        ),
    stderr: () => err,
  };
}

const slowFile = (name: string, duration: string) => {
  const path = join(tmp, name);
  writeFileSync(
    path,
    `version: 1
agents:
  slow: { runtime: { kind: simulated, duration: ${duration} } }
stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: slow, task: work }
`,
  );
  return path;
};

describe('baton worker', () => {
  it('says what it serves: its id, the queue, its concurrency, its agents and workspace', async () => {
    const w = await worker('w-hello', 3);
    expect(w.output()).toMatch(
      new RegExp(
        `^baton worker w-hello · queue at ${redis.url} · concurrency 3 · simulated agents only · workspace ${tmp}$`,
        'm',
      ),
    );
  });

  it('refuses wrong usage, saying what to give (exit 2)', () => {
    const cases: [string[], RegExp][] = [
      [['worker'], /worker needs --redis URL/],
      [['worker', '--redis', 'http://x'], /not a Redis URL \(redis:\/\/ or rediss:\/\/\)/],
      [
        ['worker', '--redis', redis.url, '--concurrency', '0'],
        /--concurrency must be a whole number above 0, not '0'/,
      ],
      [['worker', '--redis', redis.url, '--id', 'a b'], /--id must be letters/],
      [
        ['run', 'examples/full/1-parallel-independent.baton.yaml', '--dispatcher', 'queue'],
        /--dispatcher queue needs --redis URL/,
      ],
      [
        ['run', 'examples/full/1-parallel-independent.baton.yaml', '--dispatcher', 'cloud'],
        /--dispatcher must be 'local' or 'queue', not 'cloud'/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = runBaton(args, { env: { ...process.env, BATON_REDIS_URL: '' } });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('baton run --dispatcher queue runs an example on the workers, each step on one of them', async () => {
    await worker('w1', 4);
    await worker('w2', 4);
    const r = runInBackground('examples/full/6-fan-out-fan-in.baton.yaml');
    expect(await r.exited).toBe(0);
    const succeeded = r.events().filter((e) => e.type === 'step.succeeded');
    expect(succeeded.length).toBeGreaterThan(0);
    for (const e of succeeded) expect(e.data?.worker).toMatch(/^w[12]$/);
  });

  it('SIGTERM: takes no more steps and finishes the running one, then exits 0', async () => {
    const w = await worker('w-term');
    const r = runInBackground(slowFile('term.baton.yaml', '2s'));
    await w.printed(/^▶ /m);
    w.child.kill('SIGTERM');
    await w.printed(/SIGTERM: taking no more steps; finishing 1 running/);
    expect(await w.exited).toBe(0);
    expect(w.output()).toMatch(/^✔ \S+:s\.task\.0:1 succeeded$/m);
    expect(await r.exited).toBe(0);
    const step = r.events().filter((e) => e.stepId === 's.task.0' && e.type === 'step.succeeded');
    expect(step).toEqual([
      expect.objectContaining({ attempt: 1, data: expect.objectContaining({ worker: 'w-term' }) }),
    ]);
  });

  it('a second SIGTERM hands the running step back: another worker runs it as attempt 2', async () => {
    const first = await worker('w-first');
    const r = runInBackground(slowFile('handback.baton.yaml', '20s'));
    await first.printed(/^▶ /m);
    await worker('w-second');
    first.child.kill('SIGTERM');
    await first.printed(/SIGTERM: taking no more steps/);
    first.child.kill('SIGTERM');
    await first.printed(/^↩ \S+:s\.task\.0:1 handed back$/m);
    expect(await first.exited).toBe(0);
    // The second worker took it: cancel the long run there, and see where each attempt went.
    const until = Date.now() + 10_000;
    while (!r.events().some((e) => e.type === 'step.started' && e.attempt === 2) && Date.now() < until) {
      await new Promise((res) => setTimeout(res, 50));
    }
    const retry = r.events().find((e) => e.type === 'step.retrying');
    expect(retry).toMatchObject({ attempt: 1, data: { interrupted: true, worker: 'w-first' } });
    expect(retry?.data?.error).toContain('worker w-first handed the step back (worker w-first shut down)');
    expect(r.events().some((e) => e.type === 'step.started' && e.attempt === 2)).toBe(true);
  }, 40_000);
});
