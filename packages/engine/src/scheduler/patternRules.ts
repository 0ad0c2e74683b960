import type { PlanStep } from '@baton/core';
import type { StepResult } from '../contract.js';

/** The branch an analyzer's condition selects: the first with that condition, else the first `default`. */
export function pickBranch(branches: readonly PlanStep[], condition: string | undefined): PlanStep | null {
  if (condition !== undefined) {
    const match = branches.find((b) => b.condition === condition);
    if (match) return match;
  }
  return branches.find((b) => b.condition === 'default') ?? null;
}

/** DESIGN §2.2: no match and no default fails the stage, naming the condition returned and those offered. */
export function noBranchError(condition: string | undefined, branches: readonly PlanStep[]): string {
  const offered = branches.map((b) => `'${b.condition}'`).join(', ');
  const returned = condition === undefined ? 'no condition' : `condition '${condition}'`;
  return `the analyzer returned ${returned}, which no branch matches (offered: ${offered}) and there is no default branch`;
}

/** First line of a text, shortened: what a node and the timeline show. */
export function summaryOf(result: StepResult): string {
  const text = result.status === 'failed' && result.error ? result.error : result.output;
  let start = 0;
  let line = '';
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    line = text.slice(start, end < 0 ? undefined : end).trim();
    if (line || end < 0) break;
    start = end + 1;
  }
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
