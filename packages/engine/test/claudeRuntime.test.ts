import { join } from 'node:path';
import type { AgentInfo, StepResult } from '@baton/core';
import { createClaudeRuntime, realClock, type StepInvocation } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { alivePids, catalog, logLines, resultOf, useFakeClis } from './agentCliSupport.js';
import { first, ofType, run, start, stepStatus } from './helpers.js';

const fake = useFakeClis();
const real = { clock: realClock, workspace: fake.workspace };

/** A Claude Code agent file without Baton's runtime: it runs through `claude`. */
const fileAgent = (name: string, extra: Partial<AgentInfo> = {}): AgentInfo => ({
  name,
  source: 'file',
  description: `${name} does its job`,
  system_prompt: `You are ${name}.`,
  ...extra,
});

const single = (task: string, extra = '') => `version: 1
stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: worker, task: "${task}"${extra} }
`;

const errorOf = (events: Parameters<typeof resultOf>[0], stepId = 's.task.0') =>
  resultOf(events, stepId, 'step.failed').error;

describe('claude runtime (fake Claude Code on PATH)', () => {
  it('revises the primary after a reviewer’s changes_requested, resuming the first session', async () => {
    const yaml = `version: 1
stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    primary_task: Implement payments
    reviewer_agents: [critic]
    review_tasks: { critic: "Review the payment code scenario:review" }
    max_revisions: 1
`;
    const { events, state } = await run(yaml, {
      ...real,
      agentsCatalog: catalog(fileAgent('dev'), fileAgent('critic')),
    });
    expect(state.status).toBe('succeeded');
    expect(ofType(events, 'review.verdict').map((e) => (e.data as { verdict: string }).verdict)).toEqual([
      'changes_requested',
      'approve',
    ]);
    const dev = fake.calls().filter((c) => c.argv.includes('--append-system-prompt=You are dev.'));
    expect(dev).toHaveLength(2);
    const firstSession = dev[0]?.session as string;
    expect(dev[0]?.argv).toContain(`--session-id=${firstSession}`);
    expect(dev[1]?.argv).toContain(`--resume=${firstSession}`);
    expect(dev[1]?.argv.some((a) => a.startsWith('--session-id'))).toBe(false);
    // The output is the final text, not the stream; the stream became readable log lines.
    expect(resultOf(events, 'pay.primary', 'step.succeeded').result?.output).toBe(
      'Revised: addressed critic: add tests; critic: handle errors',
    );
    const lines = logLines(events, 'pay.primary');
    expect(lines).toContain('Looking at the code.');
    expect(lines).toContain('tool: Bash — npm test');
    expect(lines).toContain('tool result: all 3 tests pass');
    expect(lines.some((l) => l.startsWith('{'))).toBe(false);
    // Every agent works in the run's workspace.
    expect(new Set(fake.calls().map((c) => c.cwd))).toEqual(new Set([fake.workspace]));
  });

  it('a validator that requests changes fails its phase; later phases are skipped', async () => {
    const yaml = `version: 1
stages:
  - id: gql
    pattern: incremental_validation
    phases:
      - { name: schema, agent: dev, validator: tests, task: Write the schema, validator_task: "Run the tests scenario:reject" }
      - { name: resolvers, agent: dev, task: Write resolvers }
`;
    const { events, state } = await run(yaml, {
      ...real,
      agentsCatalog: catalog(fileAgent('dev'), fileAgent('tests')),
    });
    expect(state.status).toBe('failed');
    expect(first(events, 'gql.phase.0.validator', 'review.verdict').data).toMatchObject({
      verdict: 'changes_requested',
      findings: ['the build fails'],
    });
    expect(stepStatus(state, 'gql.phase.1.agent')).toBe('skipped');
  });

  it('an analyzer’s CONDITION picks the branch', async () => {
    const yaml = `version: 1
stages:
  - id: q
    pattern: conditional_branching
    conditional_logic:
      analyzer: analyst
      analyzer_task: "How complex is it? scenario:analyze-simple_cleanup"
      branches:
        - { condition: high_complexity, agent: dev, task: Refactor }
        - { condition: simple_cleanup, agent: dev, task: Tidy up }
`;
    const { state } = await run(yaml, {
      ...real,
      agentsCatalog: catalog(fileAgent('analyst'), fileAgent('dev')),
    });
    expect(state.status).toBe('succeeded');
    expect(state.branches.q).toEqual({ condition: 'simple_cleanup', stepId: 'q.branch.1' });
    expect(stepStatus(state, 'q.branch.0')).toBe('skipped');
  });

  it('fails a reviewer whose answer has no verdict, saying so', async () => {
    const yaml = `version: 1
stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    reviewer_agents: [critic]
    review_tasks: { critic: "Review scenario:no-verdict" }
`;
    const { events, state } = await run(yaml, {
      ...real,
      agentsCatalog: catalog(fileAgent('dev'), fileAgent('critic')),
    });
    expect(state.status).toBe('failed');
    expect(errorOf(events, 'pay.reviewer.0')).toBe(
      "the reviewer's answer has no 'VERDICT: approve|changes_requested' line; its last lines: I had a look. | It seems fine to me.",
    );
  });

  it('fails on is_error with subtype success, on a max-turns stop and an error result, with the CLI’s text', async () => {
    const failure = async (scenario: string) =>
      errorOf(
        (
          await run(single(`Build it scenario:${scenario}`), {
            ...real,
            agentsCatalog: catalog(fileAgent('worker')),
          })
        ).events,
      );
    expect(await failure('is-error')).toBe('claude reported an error: API Error: 529 overloaded_error');
    expect(await failure('max-turns')).toBe(
      'claude stopped: error_max_turns: Reached maximum number of turns (2)',
    );
    expect(await failure('error-result')).toBe(
      'claude stopped: error_during_execution: the Bash tool crashed',
    );
    expect(await failure('no-result')).toBe(
      'claude ended without a result event (exited with code 1: Error: the connection was reset)',
    );
  });

  it('logs a malformed stream line and goes on', async () => {
    const { events, state } = await run(single('Build it scenario:malformed'), {
      ...real,
      agentsCatalog: catalog(fileAgent('worker')),
    });
    expect(state.status).toBe('succeeded');
    expect(logLines(events, 's.task.0')).toEqual(
      expect.arrayContaining(['this line is not JSON', '{"type": "assistant", broken']),
    );
    expect(resultOf(events, 's.task.0', 'step.succeeded').result?.output).toBe(
      'Implemented: the work is done.',
    );
  });

  it('kills a hanging CLI and its child at the step’s timeout', async () => {
    const { events, state } = await run(single('Build it scenario:hang', ', timeout: 1500ms'), {
      ...real,
      agentsCatalog: catalog(fileAgent('worker')),
    });
    expect(errorOf(events)).toBe('timed out after 1.5s');
    expect(state.status).toBe('failed');
    const hung = fake.calls().filter((c) => c.hang);
    expect(hung).toHaveLength(1);
    expect(alivePids(hung)).toEqual([]);
  });

  it('cancel leaves no process alive', async () => {
    const r = start(single('Build it scenario:hang'), {
      ...real,
      agentsCatalog: catalog(fileAgent('worker')),
    });
    const hung = await fake.hanging();
    expect(alivePids(hung)).toHaveLength(2);
    r.handle.cancel('stop');
    const state = await r.handle.done;
    expect(state.status).toBe('cancelled');
    expect(alivePids(hung)).toEqual([]);
  });

  it('without claude on PATH, a file agent’s step fails naming the program and --simulate', async () => {
    const saved = process.env.PATH;
    process.env.PATH = join(fake.root, 'empty');
    try {
      const { events } = await run(single('Build it'), {
        ...real,
        agentsCatalog: catalog(fileAgent('worker')),
      });
      expect(errorOf(events)).toBe(
        "'claude' is not installed or not on PATH: install Claude Code, set runtime.program, or run with --simulate (a dry run)",
      );
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('claude runtime arguments', () => {
  const invocation = (definition: AgentInfo, extra: Partial<StepInvocation> = {}): StepInvocation => ({
    runId: 'r',
    stepId: 's.task.0',
    stageId: 's',
    attempt: 1,
    agent: definition.name,
    definition,
    speed: 1,
    task: 'Build it',
    checklist: [],
    inputs: {},
    artifacts: {},
    round: 1,
    timeoutMs: 60_000,
    workspace: fake.workspace,
    key: 'r:s.task.0:1',
    ...extra,
  });
  const argvOf = async (definition: AgentInfo, extra: Partial<StepInvocation> = {}) => {
    const result: StepResult = await createClaudeRuntime().run(invocation(definition, extra), {
      signal: new AbortController().signal,
      log: () => {},
    });
    expect(result.status).toBe('succeeded');
    return fake.calls().at(-1)?.argv ?? [];
  };

  it('runs a file Claude Code can see as --agent NAME, with the runtime’s own settings', async () => {
    const argv = await argvOf(
      fileAgent('reviewer-bot', {
        file: join(fake.workspace, '.claude', 'agents', 'reviewer-bot.md'),
        model: 'opus',
        tools: 'Read, Grep',
        runtime: {
          kind: 'claude',
          permission_mode: 'acceptEdits',
          max_turns: 5,
          allowed_tools: ['Bash(npm test:*)'],
        },
      } as Partial<AgentInfo>),
    );
    expect(argv.slice(0, 1)).toEqual(['-p']);
    expect(argv.slice(2, 5)).toEqual(['--output-format', 'stream-json', '--verbose']);
    expect(argv).toContain('--agent=reviewer-bot');
    expect(argv).toContain('--permission-mode=acceptEdits');
    expect(argv).toContain('--max-turns=5');
    expect(argv).toContain('--allowedTools=Bash(npm test:*)');
    // Claude Code applies the file's own body, model and tools.
    expect(argv.some((a) => a.startsWith('--append-system-prompt') || a.startsWith('--model'))).toBe(false);
  });

  it('otherwise passes the body as --append-system-prompt with the model and tools', async () => {
    const argv = await argvOf(
      fileAgent('elsewhere', {
        file: '/somewhere/else/agents/elsewhere.md',
        system_prompt: '- You review code.\n- Be brief.',
        model: 'sonnet',
        tools: ['Read', 'Grep'],
      } as Partial<AgentInfo>),
    );
    expect(argv).toContain('--append-system-prompt=- You review code.\n- Be brief.');
    expect(argv).toContain('--model=sonnet');
    expect(argv).toContain('--allowedTools=Read,Grep');
    expect(argv.some((a) => a.startsWith('--agent'))).toBe(false);
    expect(argv[1]?.startsWith('Task: Build it')).toBe(true);
  });

  it('sends a prompt too long for an argument on stdin', async () => {
    const big = 'x'.repeat(150 * 1024);
    const argv = await argvOf(fileAgent('worker'), { task: `Summarise ${big}` });
    expect(argv[0]).toBe('-p');
    expect(argv[1]).toBe('--output-format');
  });
});
