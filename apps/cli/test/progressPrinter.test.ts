import { Writable } from 'node:stream';
import { type RunEvent, validate } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { ProgressPrinter } from '../src/run/progressPrinter.js';
import { terminalStyle } from '../src/run/terminalStyle.js';

const { plan } = validate(`version: 1
stages:
  - id: quality
    name: Code quality
    pattern: conditional_branching
    conditional_logic:
      analyzer: architecture-guardian
      branches: [{ condition: high_complexity, agent: codebase-cleaner }, { condition: simple_cleanup, agent: comment-cleaner }]
`);

/** A terminal-like stream: records what is written, says it is a TTY of 60 columns. */
function fakeTerminal() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 60 });
  return { stream, text: () => text };
}

let seq = 0;
const ev = (type: RunEvent['type'], extra: Partial<RunEvent> = {}): RunEvent => ({
  seq: ++seq,
  runId: 'r',
  ts: new Date(Date.now()).toISOString(),
  type,
  ...extra,
});

describe('ProgressPrinter', () => {
  if (!plan) throw new Error('test plan does not compile');

  it('on a terminal, redraws a spinner footer with what is running, and clears it before each line', async () => {
    const term = fakeTerminal();
    const printer = new ProgressPrinter(plan, term.stream, terminalStyle(false), true);
    printer.onEvent(ev('stage.started', { stageId: 'quality' }));
    printer.onEvent(
      ev('step.started', {
        stageId: 'quality',
        stepId: 'quality.analyzer',
        attempt: 1,
        data: { agent: 'architecture-guardian' },
      }),
    );
    await new Promise((r) => setTimeout(r, 250));
    const during = term.text();
    const CLEAR = '\r\x1b[2K';
    const footers = during.split(CLEAR).filter((f) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/.test(f));
    expect(footers.length).toBeGreaterThan(1); // redrawn while the step runs
    expect(footers.at(-1)).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] 0\/3 steps · \d+ms · running: quality\.analyzer \d+ms/);
    // Every footer fits the terminal's width.
    for (const footer of footers) expect(footer.length).toBeLessThanOrEqual(59);
    printer.onEvent(
      ev('step.succeeded', {
        stageId: 'quality',
        stepId: 'quality.analyzer',
        attempt: 1,
        data: { summary: 'tangled', durationMs: 1500 },
      }),
    );
    printer.onEvent(
      ev('branch.selected', {
        stageId: 'quality',
        data: { condition: 'high_complexity', stepId: 'quality.branch.0' },
      }),
    );
    printer.stop();
    const out = term.text();
    expect(out).toContain('\r\x1b[2K  ✓ quality.analyzer  1.5s  tangled\n');
    expect(out).toContain("⤷ condition 'high_complexity' → branch quality.branch.0 (codebase-cleaner)\n");
    expect(out.endsWith('\r\x1b[2K')).toBe(true); // stop() leaves a clean line
  });

  it('off a terminal, prints lines only', () => {
    const term = fakeTerminal();
    Object.assign(term.stream, { isTTY: false });
    const printer = new ProgressPrinter(plan, term.stream, terminalStyle(false), false);
    printer.onEvent(
      ev('step.retrying', { stepId: 'quality.analyzer', attempt: 1, data: { error: 'boom', delayMs: 2000 } }),
    );
    printer.onEvent(
      ev('review.verdict', {
        stepId: 'r.reviewer.0',
        data: { verdict: 'changes_requested', findings: ['x'], round: 1 },
      }),
    );
    printer.stop();
    expect(term.text()).toBe(
      '  ↻ quality.analyzer attempt 1 failed (boom); retrying in 2s\n  ✎ r.reviewer.0 changes_requested (round 1): x\n',
    );
  });

  it('labels a step whose agent runs simulated, from its step.started (not from the catalog)', () => {
    const term = fakeTerminal();
    Object.assign(term.stream, { isTTY: false });
    const printer = new ProgressPrinter(plan, term.stream, terminalStyle(false), false);
    const started = (data: { agent: string; simulated?: boolean; fallback?: boolean }, attempt = 1) =>
      ev('step.started', { stageId: 'quality', stepId: 'quality.analyzer', attempt, data });
    printer.onEvent(started({ agent: 'architecture-guardian', simulated: true }));
    printer.onEvent(started({ agent: 'architecture-guardian' }, 2));
    printer.onEvent(started({ agent: 'general-purpose', simulated: true, fallback: true }, 3));
    printer.stop();
    expect(term.text()).toBe(
      [
        '  ● quality.analyzer  architecture-guardian (simulated)',
        '  ● quality.analyzer  architecture-guardian (attempt 2)',
        '  ● quality.analyzer  general-purpose (simulated, fallback, attempt 3)',
        '',
      ].join('\n'),
    );
  });
});
