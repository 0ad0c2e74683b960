import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '@baton/core';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../src/index.js';
import { serveArgs, serveUntilExit, startServe, stopServe } from './serveProcess.js';
import { openEventStream } from './sse.js';
import { startTestServer } from './testServer.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/stamp-and-finish.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-kill-'));
const stamps = join(dir, 'starts.log');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Agents from the server's own agent file: command agents are never posted.
writeFileSync(
  join(dir, 'baton.agents.yaml'),
  `stamp:
  description: appends run, step, attempt and the time to a file as it starts, then finishes
  runtime: { kind: command, command: ["${process.execPath}", "${FIXTURE}", "${stamps}", "60"] }
pause:
  runtime: { kind: simulated, duration: 300ms }
`,
);

const ORCHESTRATION = `version: 1
name: Kill test
stages:
  - id: chain
    pattern: sequential_handoff
    tasks:
      - { agent: stamp, task: one }
      - { agent: stamp, task: two }
      - { agent: pause, task: think }
      - { agent: stamp, task: three }
      - { agent: stamp, task: four }
      - { agent: pause, task: think again }
      - { agent: stamp, task: five }
  - id: fan
    pattern: parallel_independent
    needs: []
    tasks:
      - { agent: stamp, task: a }
      - { agent: stamp, task: b }
      - { agent: pause, task: c }
`;

/** The simulated steps: every other one is a command agent that stamps its starts. */
const PAUSES = new Set(['chain.task.2', 'chain.task.5', 'fan.task.2']);

/** A small seeded generator: a failure can be replayed with the seed it prints. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const serveKillData = (dataDir: string) => serveArgs(dataDir, ['--agents', dir]);

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  return (await res.json()) as T;
}

const startRun = async (url: string) => {
  const res = await fetch(`${url}/api/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ yaml: ORCHESTRATION }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};

interface Stamp {
  runId: string;
  stepId: string;
  attempt: number;
  at: number;
}
const readStamps = (): Stamp[] =>
  existsSync(stamps)
    ? readFileSync(stamps, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [runId, stepId, attempt, at] = line.split(' ');
          return {
            runId: runId as string,
            stepId: stepId as string,
            attempt: Number(attempt),
            at: Number(at),
          };
        })
    : [];

describe('kill -9 at random moments during runs, restart at once', () => {
  it('twenty times: it starts every time, every run completes, seq is gap-free, no finished step ran again', async () => {
    const seed = Number(process.env.BATON_KILL_SEED ?? Date.now() % 1_000_000);
    const next = random(seed);
    const why = `seed ${seed} (BATON_KILL_SEED=${seed} replays it)`;
    const dataDir = join(dir, 'data');
    const runIds: string[] = [];
    let server = await startServe(serveKillData(dataDir));
    let starts = 1;
    for (let kill = 0; kill < 20; kill++) {
      // Keep two runs going, so every kill lands during runs.
      const { runs } = await json<{ runs: { id: string; status: string }[] }>(`${server.url}/api/runs`);
      const going = runs.filter((r) => r.status === 'queued' || r.status === 'running').length;
      for (let i = going; i < 2; i++) runIds.push(await startRun(server.url));
      await new Promise((r) => setTimeout(r, Math.floor(next() * 900)));
      server.child.kill('SIGKILL');
      // At once: the next server is started while this one is still going away.
      server = await startServe(serveKillData(dataDir)).catch((error: Error) => {
        throw new Error(`start ${starts + 1} after kill ${kill + 1} failed, ${why}: ${error.message}`);
      });
      starts++;
    }
    expect(starts).toBe(21);

    try {
      for (const id of runIds) {
        const stream = openEventStream(`${server.url}/api/runs/${id}/events`);
        await stream.ended;
        const events: RunEvent[] = stream.events;
        // One log per run across twenty crashes: no gap, no repeat, and it ends in success.
        expect(
          events.map((e) => e.seq),
          why,
        ).toEqual(events.map((_, i) => i + 1));
        expect(events.at(-1)?.type, why).toBe('run.succeeded');
        expect((await json<{ status: string }>(`${server.url}/api/runs/${id}`)).status).toBe('succeeded');

        const succeeded = new Map<string, RunEvent>();
        for (const e of events) {
          if (e.type === 'step.succeeded' && e.stepId) {
            expect(succeeded.has(e.stepId), `${e.stepId} succeeded twice, ${why}`).toBe(false);
            succeeded.set(e.stepId, e);
          }
          // The log never starts a step again once it has succeeded.
          if (e.type === 'step.started' && e.stepId)
            expect(succeeded.has(e.stepId), `${e.stepId} started after it succeeded, ${why}`).toBe(false);
        }
        expect(succeeded.size).toBe(10);
        // The agents' own record: no command agent started after its step had succeeded.
        const mine = readStamps().filter((s) => s.runId === id);
        for (const [stepId, done] of succeeded) {
          const startsOfStep = mine.filter((s) => s.stepId === stepId);
          if (!PAUSES.has(stepId))
            expect(startsOfStep.length, `${stepId} of ${id} never started, ${why}`).toBeGreaterThan(0);
          const doneAt = Date.parse(done.ts);
          expect(
            startsOfStep.filter((s) => s.at > doneAt),
            `${stepId} of ${id} ran again after it succeeded, ${why}`,
          ).toEqual([]);
        }
      }
      // The kills did land mid-step: some attempts were interrupted and ran again.
      const retried = readStamps().filter((s) => s.attempt > 1).length;
      expect(retried, why).toBeGreaterThan(0);
    } finally {
      await stopServe(server);
    }
  }, 120_000);
});

describe('a lock left behind never blocks a start', () => {
  /** A data dir as a server killed -9 leaves it: its lock file and its baton.pid. */
  async function killedServerDataDir(name: string): Promise<string> {
    const dataDir = join(dir, name);
    const killed = await startServe(serveArgs(dataDir));
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(existsSync(join(dataDir, 'baton.lock'))).toBe(true);
    return dataDir;
  }

  /**
   * Planted by the shell that then execs the server in its place (so `$$` is the server's own
   * PID): `pid` in baton.pid, and for `legacy` in an older Baton's PID-file `baton.lock` too; the
   * PID planted is also kept in `<dataDir>.planted`, for the test to compare.
   */
  const PLANT =
    'p=$$; if [ -n "$BATON_PLANT_PID" ]; then p=$BATON_PLANT_PID; fi; printf "%s\\n" "$p" > "$0.planted"; printf "%s\\n" "$p" > "$0/baton.pid"; ' +
    'if [ -n "$LEGACY" ]; then printf "%s\\n" "$p" > "$0/baton.lock"; fi; exec "$@"';

  const cases: [string, () => Promise<{ pid: number | 'own'; other?: ChildProcess }>][] = [
    ['its own PID', async () => ({ pid: 'own' })],
    ['PID 1', async () => ({ pid: 1 })],
    [
      'an unrelated live PID',
      async () => {
        const other = spawn('sleep', ['60'], { stdio: 'ignore' });
        return { pid: other.pid as number, other };
      },
    ],
  ];
  for (const [label, who] of cases) {
    for (const legacy of [false, true]) {
      it(`a lock ${legacy ? "in an older Baton's PID-file form " : ''}naming ${label}: the server starts`, async () => {
        const dataDir = await killedServerDataDir(`left-${label.replace(/\W+/g, '-')}-${legacy}`);
        const { pid, other } = await who();
        try {
          const server = await startServe(['sh', '-c', PLANT, dataDir, ...serveArgs(dataDir)], {
            env: { BATON_PLANT_PID: pid === 'own' ? '' : String(pid), LEGACY: legacy ? '1' : '' },
          });
          try {
            const planted = readFileSync(`${dataDir}.planted`, 'utf8').trim();
            expect(planted).toBe(String(pid === 'own' ? server.child.pid : pid));
            expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
            // It holds the lock now: it names itself, and a second server is refused.
            expect(readFileSync(join(dataDir, 'baton.pid'), 'utf8').trim()).toBe(String(server.child.pid));
            const second = await serveUntilExit(serveArgs(dataDir));
            expect(second.status).toBe(1);
            expect(second.stderr.trim()).toBe(
              `baton serve: another Baton server (pid ${server.child.pid}) is using ${dataDir}; stop it, or give this one another --data-dir`,
            );
          } finally {
            await stopServe(server);
          }
          if (other) expect(other.exitCode).toBeNull(); // left alone
        } finally {
          other?.kill('SIGKILL');
        }
      });
    }
  }
});

describe("the lock is held for the process's life", () => {
  it("a second server refused in the same process leaves the first one's lock held", async () => {
    const first = await startTestServer();
    try {
      await expect(startTestServer({ dataDir: first.dataDir })).rejects.toThrow(DataDirInUseError);
      // Still held against another process (closing a descriptor of a locked file drops its locks).
      const other = await serveUntilExit(serveArgs(first.dataDir));
      expect(other.status).toBe(1);
      expect(other.stderr.trim()).toBe(
        `baton serve: another Baton server (pid ${process.pid}) is using ${first.dataDir}; stop it, or give this one another --data-dir`,
      );
    } finally {
      await first.dispose();
    }
  });
});
