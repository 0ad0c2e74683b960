import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '@baton/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openEventStream } from './sse.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/count-and-finish.mjs', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
const dataDir = join(dir, 'data');
const counter = join(dir, 'starts.log');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Agents from the server's own agent file: command agents are never posted.
writeFileSync(
  join(dir, 'baton.agents.yaml'),
  `counter:
  description: appends its step id to a file, then finishes
  runtime: { kind: command, command: ["${process.execPath}", "${FIXTURE}", "${counter}", "50"] }
slowpoke:
  runtime: { kind: simulated, duration: 4s }
`,
);

const ORCHESTRATION = `version: 1
name: Crash test
stages:
  - id: chain
    pattern: sequential_handoff
    tasks:
      - { agent: counter, task: first }
      - { agent: slowpoke, task: long simulated work }
      - { agent: counter, task: last }
  - id: side
    pattern: parallel_independent
    needs: []
    tasks:
      - { agent: counter, task: side work }
`;

interface Serve {
  child: ChildProcess;
  url: string;
}

function serve(): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [
      'apps/cli/bin/baton.js',
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--agents',
      dir,
      '--no-examples',
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BATON_LOG_LEVEL: 'warn' } },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/running at (http:\/\/\S+?)\/\s/);
      if (match) resolve({ child, url: match[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

const startsOf = () => readFileSync(counter, 'utf8').trim().split('\n').filter(Boolean).sort();

describe('crash safety', () => {
  it('a server killed with SIGKILL mid-run resumes the run on restart; finished steps do not run again', async () => {
    const first = await serve();
    const firstExited = new Promise((r) => first.child.once('exit', r));
    const created = await fetch(`${first.url}/api/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ yaml: ORCHESTRATION }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // Kill -9 while the simulated step runs: the first command agent and the side task are done.
    const beforeCrash = openEventStream(`${first.url}/api/runs/${id}/events`, {
      onEvent: (e) => {
        if (e.type === 'step.started' && e.stepId === 'chain.task.1')
          setTimeout(() => first.child.kill('SIGKILL'), 300);
      },
    });
    await beforeCrash.ended;
    await firstExited;
    expect(beforeCrash.events.some((e) => e.type === 'step.succeeded' && e.stepId === 'chain.task.0')).toBe(
      true,
    );
    expect(beforeCrash.events.some((e) => e.type === 'run.succeeded')).toBe(false);
    expect(startsOf()).toEqual(['chain.task.0', 'side.task.0']);

    const second = await serve();
    try {
      const after = openEventStream(`${second.url}/api/runs/${id}/events`);
      await after.ended;
      const events: RunEvent[] = after.events;
      // One log: no gap, no duplicate, across the crash.
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)?.type).toBe('run.succeeded');
      // The interrupted step ran again, its attempt counted.
      const restarted = events.filter((e) => e.type === 'step.started' && e.stepId === 'chain.task.1');
      expect(restarted.map((e) => e.attempt)).toEqual([1, 2]);
      // Each command agent started exactly once, the finished ones not again.
      expect(startsOf()).toEqual(['chain.task.0', 'chain.task.2', 'side.task.0']);
      const state = (await (await fetch(`${second.url}/api/runs/${id}`)).json()) as { status: string };
      expect(state.status).toBe('succeeded');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  }, 60_000);
});
