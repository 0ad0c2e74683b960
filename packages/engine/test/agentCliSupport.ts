import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgentCatalog, type AgentInfo, BUILTIN_AGENTS, type RunEvent } from '@baton/core';
import { processAlive } from '@baton/engine';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { forStep } from './helpers.js';

/** The fake agent CLIs (claude, codex, gemini) of test/fixtures/fake-clis. */
export const fakeClis = fileURLToPath(new URL('./fixtures/fake-clis', import.meta.url));

/** What a fake CLI records of each call (FAKE_CLI_LOG). */
export interface FakeCall {
  cli: string;
  pid: number;
  argv: string[];
  cwd: string;
  scenario?: string;
  session?: string;
  resumed?: string | null;
  child?: number;
  hang?: boolean;
}

/**
 * Puts the fake CLIs first on PATH for the test file, a fresh call log per test, and a workspace
 * folder (with `.claude/agents/`) that runs are given.
 */
export function useFakeClis() {
  const root = mkdtempSync(join(tmpdir(), 'baton-clis-'));
  const workspace = join(root, 'workspace');
  mkdirSync(join(workspace, '.claude', 'agents'), { recursive: true });
  const saved = { PATH: process.env.PATH, FAKE_CLI_LOG: process.env.FAKE_CLI_LOG };
  let n = 0;
  const state = { log: '' };
  beforeAll(() => {
    process.env.PATH = `${fakeClis}${delimiter}${saved.PATH ?? ''}`;
  });
  beforeEach(() => {
    state.log = join(root, `calls-${++n}.jsonl`);
    process.env.FAKE_CLI_LOG = state.log;
  });
  afterAll(() => {
    process.env.PATH = saved.PATH;
    if (saved.FAKE_CLI_LOG === undefined) delete process.env.FAKE_CLI_LOG;
    else process.env.FAKE_CLI_LOG = saved.FAKE_CLI_LOG;
  });
  const calls = (): FakeCall[] =>
    existsSync(state.log)
      ? readFileSync(state.log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as FakeCall)
      : [];
  /** The hanging calls, once `count` of them have started their child. */
  const hanging = async (count = 1): Promise<FakeCall[]> => {
    const until = Date.now() + 10_000;
    for (;;) {
      const up = calls().filter((c) => c.hang);
      if (up.length >= count) return up;
      if (Date.now() > until) throw new Error(`${up.length} of ${count} hanging CLIs up`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { root, workspace, calls, hanging };
}

/** Pids of these calls (and their children) still alive. */
export const alivePids = (calls: FakeCall[]): number[] =>
  calls.flatMap((c) => [c.pid, ...(c.child ? [c.child] : [])]).filter(processAlive);

export function catalog(...agents: AgentInfo[]): AgentCatalog {
  return { ...BUILTIN_AGENTS, ...Object.fromEntries(agents.map((a) => [a.name, a])) };
}

/** The log lines of a step. */
export const logLines = (events: readonly RunEvent[], stepId: string): string[] =>
  forStep(events, stepId, 'step.log').map((e) => (e.data as { line: string }).line);

export const resultOf = (events: readonly RunEvent[], stepId: string, type: RunEvent['type']) =>
  (forStep(events, stepId, type).at(-1)?.data as
    | { result?: { output: string }; error?: string }
    | undefined) ?? {};
