import type { StepInvocation, StepResult } from '../contract.js';
import { preview } from './invocationPayload.js';

/** The structured part of an answer: what steers the run. */
export type StructuredAnswer = Pick<StepResult, 'condition' | 'verdict' | 'findings'>;

// Markdown decoration agents like to add: "**VERDICT:** `approve`".
const VERDICT_LINE = /^[\s*_#>-]*VERDICT[\s*_]*:[\s*_`]*(approve|changes_requested)\b/i;
const CONDITION_LINE = /^[\s*_#>-]*CONDITION[\s*_]*:[\s*_`]*([A-Za-z0-9_.-]+)/i;
const FINDINGS_LINE = /^[\s*_#>-]*FINDINGS[\s*_]*:[\s*_]*(.*)$/i;
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+(.*)$/;

/**
 * Read the condition, verdict and findings an agent stated in its text answer (the format
 * `userPrompt` asks for). The last statement counts: an agent may quote the format before
 * it answers.
 */
export function readStructuredAnswer(text: string): StructuredAnswer {
  const lines = text.split(/\r?\n/);
  const out: StructuredAnswer = {};
  let findingsAt = -1;
  for (const [i, line] of lines.entries()) {
    const verdict = VERDICT_LINE.exec(line);
    if (verdict) out.verdict = (verdict[1] as string).toLowerCase() as 'approve' | 'changes_requested';
    const condition = CONDITION_LINE.exec(line);
    if (condition) out.condition = (condition[1] as string).replace(/[.`*_]+$/, '');
    if (FINDINGS_LINE.test(line)) findingsAt = i;
  }
  if (findingsAt >= 0) {
    const findings: string[] = [];
    const inline = FINDINGS_LINE.exec(lines[findingsAt] as string)?.[1]?.trim();
    if (inline && !/^(none|-)$/i.test(inline)) findings.push(inline);
    for (const line of lines.slice(findingsAt + 1)) {
      if (VERDICT_LINE.test(line) || CONDITION_LINE.test(line)) break;
      const item = LIST_ITEM.exec(line)?.[1]?.trim();
      if (item) findings.push(item);
    }
    if (findings.length) out.findings = findings;
  }
  return out;
}

export interface ReadAnswerOptions {
  /**
   * A validator without a VERDICT line is judged by its exit code, which was 0 (the command
   * runtime: a test suite is a validator, and it says nothing else).
   */
  exitCodeJudgesValidator?: boolean;
}

/**
 * One parser for every runtime (docs/design.md §3.3): an agent's final text as the step's result.
 * A reviewer or validator must state a verdict and an analyzer one of the conditions offered;
 * an answer that does not fails the step saying so, rather than approving or picking for it.
 */
export function readAgentAnswer(
  invocation: StepInvocation,
  finalText: string,
  options: ReadAnswerOptions = {},
): StepResult {
  const output = finalText.trim();
  const answer = readStructuredAnswer(output);
  const result: StepResult = { status: 'succeeded', output, ...answer };
  const role = invocation.role;
  if (role === 'reviewer' || (role === 'validator' && !options.exitCodeJudgesValidator)) {
    if (!answer.verdict) {
      return missing(result, `the ${role}'s answer has no 'VERDICT: approve|changes_requested' line`);
    }
  }
  if (role === 'analyzer') {
    const offered = invocation.conditions ?? [];
    if (answer.condition === undefined) {
      const which = offered.length ? ` (one of: ${offered.join(', ')})` : '';
      return missing(result, `the analyzer's answer has no 'CONDITION: <name>' line${which}`);
    }
    // A `default` branch takes any other condition (docs/design.md §2.2): only without one is it wrong.
    if (offered.length && !offered.includes(answer.condition) && !offered.includes('default')) {
      return missing(
        result,
        `the analyzer answered 'CONDITION: ${answer.condition}', which is not one of the conditions offered: ${offered.join(', ')}`,
      );
    }
  }
  return result;
}

function missing(result: StepResult, why: string): StepResult {
  const last = result.output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-3);
  const tail = last.length ? `; its last lines: ${preview(last.join(' | '), 300)}` : '; the answer is empty';
  return { ...result, status: 'failed', error: `${why}${tail}` };
}
