import { join } from 'node:path';
import type { AgentInfo, Runtime } from '@baton/core';
import { realClock } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { alivePids, catalog, logLines, resultOf, useFakeClis } from './agentCliSupport.js';
import { ofType, run, start } from './helpers.js';

const fake = useFakeClis();
const real = { clock: realClock, workspace: fake.workspace };

const agent = (name: string, runtime: Runtime): AgentInfo => ({
  name,
  source: 'inline',
  system_prompt: `You are ${name}.`,
  runtime,
});

const single = (task: string) => `version: 1
stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: worker, task: "${task}" }
`;

const review = `version: 1
stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    primary_task: Implement payments
    reviewer_agents: [critic]
    review_tasks: { critic: "Review the payment code scenario:review" }
    max_revisions: 1
`;

const branching = `version: 1
stages:
  - id: q
    pattern: conditional_branching
    conditional_logic:
      analyzer: analyst
      analyzer_task: "How complex is it? scenario:analyze-high_complexity"
      branches:
        - { condition: high_complexity, agent: worker, task: Refactor }
        - { condition: simple_cleanup, agent: worker, task: Tidy up }
`;

for (const kind of ['codex', 'gemini'] as const) {
  const as = (name: string, extra: Partial<Extract<Runtime, { kind: typeof kind }>> = {}) =>
    agent(name, { kind, ...extra } as Runtime);

  describe(`${kind} runtime (fake ${kind} on PATH)`, () => {
    it('takes the final answer as the output, the stream as readable log lines', async () => {
      const { events, state } = await run(single('Build it'), {
        ...real,
        agentsCatalog: catalog(as('worker')),
      });
      expect(state.status).toBe('succeeded');
      expect(resultOf(events, 's.task.0', 'step.succeeded').result?.output).toBe(
        kind === 'gemini'
          ? 'Let me check.\nImplemented: the work is done.'
          : 'Implemented: the work is done.',
      );
      const lines = logLines(events, 's.task.0');
      expect(lines.some((l) => l.startsWith('{'))).toBe(false);
      expect(lines).toContain(
        kind === 'codex' ? 'tool: shell — bash -lc ls' : 'tool: run_shell_command — ls',
      );
      expect(fake.calls()[0]?.cwd).toBe(fake.workspace);
    });

    it('reads a reviewer’s verdicts across a revision', async () => {
      const { events, state } = await run(review, {
        ...real,
        agentsCatalog: catalog(as('dev', { model: 'fast-1' }), as('critic')),
      });
      expect(state.status).toBe('succeeded');
      expect(ofType(events, 'review.verdict').map((e) => (e.data as { verdict: string }).verdict)).toEqual([
        'changes_requested',
        'approve',
      ]);
      const dev = fake.calls().filter((c) => c.argv.some((a) => a.includes('You are dev.')));
      expect(dev).toHaveLength(2);
      if (kind === 'codex') {
        // The revision resumes the first call's thread.
        expect(dev[0]?.resumed).toBeNull();
        expect(dev[1]?.resumed).toBe(dev[0]?.session);
        expect(dev[1]?.argv.slice(-3, -1)).toEqual(['resume', dev[0]?.session]);
        expect(dev[0]?.argv.slice(0, 5)).toEqual([
          'exec',
          '--json',
          '--skip-git-repo-check',
          '-C',
          fake.workspace,
        ]);
        expect(dev[0]?.argv).toEqual(expect.arrayContaining(['-m', 'fast-1']));
      } else {
        expect(dev[0]?.argv).toEqual(
          expect.arrayContaining(['--output-format=stream-json', '--model=fast-1']),
        );
      }
    });

    it('an analyzer’s CONDITION picks the branch', async () => {
      const { state } = await run(branching, {
        ...real,
        agentsCatalog: catalog(as('analyst'), as('worker')),
      });
      expect(state.branches.q).toEqual({ condition: 'high_complexity', stepId: 'q.branch.0' });
    });

    it('fails on the CLI’s error, with its message', async () => {
      const { events } = await run(single('Build it scenario:error-result'), {
        ...real,
        agentsCatalog: catalog(as('worker')),
      });
      expect(resultOf(events, 's.task.0', 'step.failed').error).toBe(
        kind === 'codex'
          ? 'codex: model overloaded, try again later'
          : 'gemini exited with code 1 (general error or API failure): quota exceeded for this project',
      );
    });

    it('cancel leaves no process alive', async () => {
      const r = start(single('Build it scenario:hang'), { ...real, agentsCatalog: catalog(as('worker')) });
      const hung = await fake.hanging();
      r.handle.cancel();
      expect((await r.handle.done).status).toBe('cancelled');
      expect(alivePids(hung)).toEqual([]);
    });

    it('without the program on PATH, fails naming it and --simulate', async () => {
      const saved = process.env.PATH;
      process.env.PATH = join(fake.root, 'empty');
      try {
        const { events } = await run(single('Build it'), { ...real, agentsCatalog: catalog(as('worker')) });
        const product = kind === 'codex' ? 'the Codex CLI' : 'the Gemini CLI';
        expect(resultOf(events, 's.task.0', 'step.failed').error).toBe(
          `'${kind}' is not installed or not on PATH: install ${product}, set runtime.program, or run with --simulate (a dry run)`,
        );
      } finally {
        process.env.PATH = saved;
      }
    });
  });
}

describe('codex and gemini specifics', () => {
  it('codex: an unrecoverable stream error fails the step', async () => {
    const { events } = await run(single('Build it scenario:stream-error'), {
      ...real,
      agentsCatalog: catalog(agent('worker', { kind: 'codex' })),
    });
    expect(resultOf(events, 's.task.0', 'step.failed').error).toBe(
      'codex: stream disconnected before completion',
    );
  });

  it('gemini: exit codes say what went wrong (41 auth, 53 turn limit)', async () => {
    const failure = async (scenario: string) =>
      resultOf(
        (
          await run(single(`Build it scenario:${scenario}`), {
            ...real,
            agentsCatalog: catalog(agent('worker', { kind: 'gemini', approval_mode: 'auto_edit' })),
          })
        ).events,
        's.task.0',
        'step.failed',
      ).error;
    expect(await failure('auth')).toBe(
      'gemini exited with code 41 (authentication failed): Please set an Auth method in your settings.json or GEMINI_API_KEY',
    );
    expect(await failure('max-turns')).toBe(
      'gemini exited with code 53 (turn limit exceeded): Reached max session turns',
    );
    expect(fake.calls()[0]?.argv).toContain('--approval-mode=auto_edit');
  });
});
