import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgentCatalog, type AgentInfo, BUILTIN_AGENTS } from '@baton/core';
import { createLocalDispatcher, realClock } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { first, forStep, ofType, run, start, stepStatus } from './helpers.js';
import { alive, readPids, waitForPids } from './processes.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'baton-command-'));

function commandAgent(name: string, script: string, ...args: string[]): AgentInfo {
  return {
    name,
    source: 'file',
    runtime: { kind: 'command', command: [process.execPath, fixture(script), ...args] },
  };
}

function catalog(...agents: AgentInfo[]): AgentCatalog {
  return { ...BUILTIN_AGENTS, ...Object.fromEntries(agents.map((a) => [a.name, a])) };
}

const single = (task: string) => `version: 1
stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: worker, task: Build the API, ${task} }
`;

const real = { clock: realClock };

describe('command runtime (real child processes)', () => {
  it('passes the invocation on stdin and in env, streams stdout/stderr as step.log, and takes stdout as output', async () => {
    const { events, state } = await run(single(''), {
      ...real,
      agentsCatalog: catalog(commandAgent('worker', 'echo-agent.mjs')),
    });
    expect(state.status).toBe('succeeded');
    const logs = forStep(events, 's.task.0', 'step.log').map((e) => e.data);
    expect(logs).toContainEqual({ stream: 'stderr', line: 'working on it' });
    expect(logs).toContainEqual({ stream: 'stdout', line: 'task: Build the API' });
    expect(logs).toContainEqual({ stream: 'stdout', line: 'env: s.task.0 attempt 1 Build the API' });
    expect(logs).toContainEqual({ stream: 'stdout', line: 'no newline at the end' });
    const result = (first(events, 's.task.0', 'step.succeeded').data as { result: { output: string } })
      .result;
    expect(result.output).toBe(
      'task: Build the API\nenv: s.task.0 attempt 1 Build the API\ninputs: none (file agrees: true)\nno newline at the end',
    );
  });

  it('does not hand the agent the server’s BATON_* settings (its token), but PATH, HOME and its own env', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      BATON_TOKEN: 'server-secret',
      baton_data_dir: '/srv/baton',
      BATON_PORT: '8080',
    });
    try {
      const printEnv = 'process.stdout.write(JSON.stringify(process.env))';
      const agent: AgentInfo = {
        name: 'worker',
        source: 'file',
        runtime: { kind: 'command', command: [process.execPath, '-e', printEnv], env: { MINE: 'yes' } },
      };
      const { events, state } = await run(single(''), { ...real, agentsCatalog: catalog(agent) });
      expect(state.status).toBe('succeeded');
      const output = (first(events, 's.task.0', 'step.succeeded').data as { result: { output: string } })
        .result.output;
      const env = JSON.parse(output) as Record<string, string>;
      expect(env.BATON_TOKEN).toBeUndefined();
      expect(env.baton_data_dir).toBeUndefined();
      expect(env.BATON_PORT).toBeUndefined();
      expect(env.PATH).toBe(process.env.PATH);
      expect(env.HOME).toBe(process.env.HOME);
      expect(env.MINE).toBe('yes');
      expect(env.BATON_STEP_ID).toBe('s.task.0');
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('reads the result from BATON_RESULT_FILE when the agent writes it', async () => {
    const yaml = `version: 1
stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: worker
    reviewer_agents: [reviewer]
`;
    const { events, state } = await run(yaml, {
      ...real,
      agentsCatalog: catalog(
        commandAgent('worker', 'echo-agent.mjs'),
        commandAgent('reviewer', 'result-file-agent.mjs'),
      ),
    });
    expect(state.status).toBe('succeeded');
    expect(first(events, 'pay.reviewer.0', 'review.verdict').data).toEqual({
      verdict: 'approve',
      findings: ['looks fine'],
      round: 1,
    });
    expect(first(events, 'pay.reviewer.0', 'step.succeeded').data).toMatchObject({
      summary: 'reviewed pay.reviewer.0',
      result: { output: 'reviewed pay.reviewer.0', condition: 'high_complexity', verdict: 'approve' },
    });
  });

  it('fails a step whose result file is not JSON', async () => {
    const { events } = await run(single(''), {
      ...real,
      agentsCatalog: catalog(commandAgent('worker', 'bad-result-agent.mjs')),
    });
    expect(first(events, 's.task.0', 'step.failed').data).toMatchObject({
      error: 'the result file is not valid JSON: { this is not json',
    });
  });

  it('fails the step on a non-zero exit, with the last stderr line', async () => {
    const { events, state } = await run(single(''), {
      ...real,
      agentsCatalog: catalog(commandAgent('worker', 'fail-agent.mjs')),
    });
    expect(stepStatus(state, 's.task.0')).toBe('failed');
    expect(first(events, 's.task.0', 'step.failed').data).toMatchObject({
      error: 'exited with code 3: boom: database unreachable',
    });
  });

  it('fails the step when the program cannot start', async () => {
    const missing: AgentInfo = {
      name: 'worker',
      source: 'file',
      runtime: { kind: 'command', command: ['/no/such/program'] },
    };
    const { events } = await run(single(''), { ...real, agentsCatalog: catalog(missing) });
    expect((first(events, 's.task.0', 'step.failed').data as { error: string }).error).toMatch(
      /^cannot start '\/no\/such\/program': .*ENOENT/,
    );
  });

  it('counts retries in the events, and runs the fallback agent once they are spent', async () => {
    const flaky = await run(single('retries: 2'), {
      ...real,
      speed: 100,
      agentsCatalog: catalog(commandAgent('worker', 'flaky-agent.mjs', '3')),
    });
    expect(forStep(flaky.events, 's.task.0', 'step.retrying').map((e) => e.attempt)).toEqual([1, 2]);
    expect(first(flaky.events, 's.task.0', 'step.succeeded').attempt).toBe(3);

    const fallback = await run(single('retries: 1, fallback_agent: rescuer'), {
      ...real,
      speed: 100,
      agentsCatalog: catalog(
        commandAgent('worker', 'fail-agent.mjs'),
        commandAgent('rescuer', 'echo-agent.mjs'),
      ),
    });
    const starts = forStep(fallback.events, 's.task.0', 'step.started');
    expect(starts.map((e) => [e.attempt, e.data])).toEqual([
      [1, { agent: 'worker' }],
      [2, { agent: 'worker' }],
      [3, { agent: 'rescuer', fallback: true }],
    ]);
    expect(forStep(fallback.events, 's.task.0', 'step.retrying')).toHaveLength(2);
    expect(stepStatus(fallback.state, 's.task.0')).toBe('succeeded');
  });

  it('kills a hanging agent and its children at the step’s timeout', async () => {
    const pidFile = join(tmp, 'timeout.json');
    const { events, state } = await run(single('timeout: 1500ms'), {
      ...real,
      agentsCatalog: catalog(commandAgent('worker', 'hang-agent.mjs', pidFile)),
    });
    expect(first(events, 's.task.0', 'step.failed').data).toMatchObject({ error: 'timed out after 1.5s' });
    expect(state.status).toBe('failed');
    expect(readPids(pidFile)).toHaveLength(1);
    expect(alive(readPids(pidFile))).toEqual([]);
  });

  it('cancel mid-run stops the whole process tree and records run.cancelled', async () => {
    const pidFile = join(tmp, 'cancel.json');
    const r = start(single(''), {
      ...real,
      agentsCatalog: catalog(commandAgent('worker', 'hang-agent.mjs', pidFile)),
    });
    const pids = await waitForPids(pidFile);
    expect(alive(pids)).toHaveLength(2);
    r.handle.cancel('stop');
    const state = await r.handle.done;
    expect(state.status).toBe('cancelled');
    expect(stepStatus(state, 's.task.0')).toBe('cancelled');
    expect(r.events.at(-1)?.type).toBe('run.cancelled');
    expect(alive(pids)).toEqual([]);
  });

  it('escalates to SIGKILL when the tree ignores SIGTERM for the grace period', async () => {
    const pidFile = join(tmp, 'stubborn.json');
    const dispatcher = createLocalDispatcher({ clock: realClock, killGraceMs: 300 });
    const r = start(single(''), {
      ...real,
      dispatcher,
      agentsCatalog: catalog(commandAgent('worker', 'hang-agent.mjs', pidFile, '--ignore-term')),
    });
    const pids = await waitForPids(pidFile);
    const cancelledAt = Date.now();
    r.handle.cancel();
    await r.handle.done;
    expect(Date.now() - cancelledAt).toBeGreaterThanOrEqual(300);
    expect(forStep(r.events, 's.task.0', 'step.log').map((e) => (e.data as { line: string }).line)).toContain(
      'ignoring SIGTERM',
    );
    expect(alive(pids)).toEqual([]);
    expect(ofType(r.events, 'run.cancelled')).toHaveLength(1);
  });
});
