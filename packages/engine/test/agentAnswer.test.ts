import type { AgentInfo } from '@baton/core';
import { readAgentAnswer, realClock, type StepInvocation, userPrompt } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { catalog, resultOf } from './agentCliSupport.js';
import { first, run } from './helpers.js';

const invocation = (extra: Partial<StepInvocation> = {}): StepInvocation => ({
  runId: 'r',
  stepId: 'pay.reviewer.0',
  stageId: 'pay',
  attempt: 1,
  agent: 'critic',
  definition: { name: 'critic', source: 'inline' },
  speed: 1,
  role: 'reviewer',
  task: 'Review the payment code',
  checklist: ['idempotency', 'errors'],
  inputs: { 'pay.primary': { status: 'succeeded', output: 'def pay(): ...' } },
  artifacts: {},
  round: 1,
  timeoutMs: 1000,
  workspace: '/work/repo',
  key: 'r:pay.reviewer.0:1',
  ...extra,
});

describe('the one prompt', () => {
  it('gives the task, checklist, inputs, findings and the answer format as plain text', () => {
    const text = userPrompt(invocation({ feedback: ['qa: add tests'], round: 2 }));
    expect(text.startsWith('Task: Review the payment code')).toBe(true);
    expect(text).toContain('Checklist:\n- idempotency\n- errors');
    expect(text).toContain('Result of pay.primary:\ndef pay(): ...');
    expect(text).toContain('address these findings:\n- qa: add tests');
    expect(text).toContain('your working folder is /work/repo');
    expect(text).toContain(
      'VERDICT: approve\nor, when changes are needed:\nVERDICT: changes_requested\nFINDINGS:',
    );
    expect(text).not.toContain('{"');
    const analyzer = userPrompt(invocation({ role: 'analyzer', conditions: ['high', 'low'] }));
    expect(analyzer).toContain('"CONDITION: <name>", the name being one of: high, low.');
  });
});

describe('the one answer parser', () => {
  it('reads the last verdict and its findings, decorated or not', () => {
    const answer = readAgentAnswer(
      invocation(),
      'The format is VERDICT: approve|changes_requested.\n**VERDICT:** `changes_requested`\n**FINDINGS:**\n- add tests\n2. handle 429\n',
    );
    expect(answer).toEqual({
      status: 'succeeded',
      output: expect.any(String),
      verdict: 'changes_requested',
      findings: ['add tests', 'handle 429'],
    });
  });

  it('fails a reviewer or validator without a verdict, and an analyzer without an offered condition', () => {
    expect(readAgentAnswer(invocation(), 'Looks fine to me.')).toMatchObject({
      status: 'failed',
      error:
        "the reviewer's answer has no 'VERDICT: approve|changes_requested' line; its last lines: Looks fine to me.",
    });
    expect(readAgentAnswer(invocation({ role: 'validator' }), '')).toMatchObject({
      status: 'failed',
      error: "the validator's answer has no 'VERDICT: approve|changes_requested' line; the answer is empty",
    });
    const analyzer = invocation({ role: 'analyzer', conditions: ['high', 'low'] });
    expect(readAgentAnswer(analyzer, 'It is complex.')).toMatchObject({
      status: 'failed',
      error:
        "the analyzer's answer has no 'CONDITION: <name>' line (one of: high, low); its last lines: It is complex.",
    });
    expect(readAgentAnswer(analyzer, 'CONDITION: medium').error).toBe(
      "the analyzer answered 'CONDITION: medium', which is not one of the conditions offered: high, low; its last lines: CONDITION: medium",
    );
    expect(readAgentAnswer(analyzer, 'CONDITION: low.')).toMatchObject({
      status: 'succeeded',
      condition: 'low',
    });
    // A default branch takes any other condition.
    const withDefault = invocation({ role: 'analyzer', conditions: ['high', 'default'] });
    expect(readAgentAnswer(withDefault, 'CONDITION: medium')).toMatchObject({
      status: 'succeeded',
      condition: 'medium',
    });
    // Other roles need no structured answer.
    expect(readAgentAnswer(invocation({ role: 'task' }), 'Done.')).toEqual({
      status: 'succeeded',
      output: 'Done.',
    });
  });
});

describe('the command runtime reads stdout with the same parser', () => {
  const node = (name: string, code: string): AgentInfo => ({
    name,
    source: 'inline',
    runtime: { kind: 'command', command: [process.execPath, '-e', code] },
  });
  const yaml = `version: 1
stages:
  - id: pay
    pattern: primary_with_reviewers
    primary_agent: dev
    reviewer_agents: [critic]
`;

  it('a reviewer’s VERDICT: changes_requested on stdout is recorded as such, the prompt in env', async () => {
    // It answers only if it was given the plain prompt (BATON_PROMPT and BATON_PROMPT_FILE).
    const critic = node(
      'critic',
      `const fs = require('node:fs');
       const ok = process.env.BATON_PROMPT.startsWith('Task:') && fs.readFileSync(process.env.BATON_PROMPT_FILE, 'utf8') === process.env.BATON_PROMPT;
       console.log(ok ? 'Too slow.\\nVERDICT: changes_requested\\nFINDINGS:\\n- cache it' : 'no prompt');`,
    );
    const { events, state } = await run(yaml, {
      clock: realClock,
      agentsCatalog: catalog(node('dev', "console.log('def pay(): ...')"), critic),
    });
    expect(first(events, 'pay.reviewer.0', 'review.verdict').data).toEqual({
      verdict: 'changes_requested',
      findings: ['cache it'],
      round: 1,
    });
    expect(state.status).toBe('failed'); // no revisions: the requested changes fail the stage
  });

  it('a reviewer that prints no verdict fails instead of approving', async () => {
    const { events } = await run(yaml, {
      clock: realClock,
      agentsCatalog: catalog(node('dev', "console.log('code')"), node('critic', "console.log('seems ok')")),
    });
    expect(resultOf(events, 'pay.reviewer.0', 'step.failed').error).toBe(
      "the reviewer's answer has no 'VERDICT: approve|changes_requested' line; its last lines: seems ok",
    );
  });

  it('a validator command (a test suite) without a VERDICT line is judged by its exit code', async () => {
    const phases = `version: 1
stages:
  - id: gql
    pattern: incremental_validation
    phases:
      - { name: schema, agent: dev, validator: suite }
`;
    const { state } = await run(phases, {
      clock: realClock,
      agentsCatalog: catalog(
        node('dev', "console.log('schema')"),
        node('suite', "console.log('3 tests pass')"),
      ),
    });
    expect(state.status).toBe('succeeded');
  });
});
