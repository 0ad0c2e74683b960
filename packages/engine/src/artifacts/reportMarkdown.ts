import { formatDuration, type PlanStep } from '@baton/core';
import type { StepResult } from '../contract.js';

export interface ReportFacts {
  step: PlanStep;
  pattern: string;
  agent: string;
  attempt: number;
  round: number;
  durationMs: number;
  result: StepResult;
  /** The result is an earlier run's, reused by a retry. */
  reused?: boolean;
  /** A simulated stand-in ran, not the agent itself (its runtime is `simulated`, or a dry run). */
  simulated?: boolean;
}

/** A fence longer than any backtick run in the text, so an agent's output cannot break out of it. */
function fenced(text: string): string {
  // A loop, not Math.max(...runs): an output of a million backtick runs must not overflow.
  let longest = 2;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 96) {
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** One agent's report (`agent-reports/<stepId>-report.md`), as the seed's layout has it. */
export function reportMarkdown(facts: ReportFacts): string {
  const { step, result } = facts;
  const lines = [
    `# ${step.id}: ${facts.agent}${facts.simulated ? ' (simulated)' : ''}`,
    '',
    ...(facts.simulated ? ['- Simulated: a simulated stand-in ran, not the agent itself'] : []),
    `- Stage: ${step.stageId} (${facts.pattern}), role: ${step.role}`,
    facts.reused
      ? `- Status: ${result.status} (reused: the result of an earlier run; the agent was not called again)`
      : `- Status: ${result.status} (attempt ${facts.attempt}${facts.round > 1 ? `, round ${facts.round}` : ''})`,
    `- Duration: ${formatDuration(facts.durationMs)}`,
  ];
  if (result.condition !== undefined) lines.push(`- Condition: ${result.condition}`);
  if (result.verdict !== undefined) lines.push(`- Verdict: ${result.verdict}`);
  if (step.produces) lines.push(`- Produces: ${step.produces}`);
  if (step.task) lines.push('', '## Task', '', step.task);
  if (step.checklist.length) {
    const mark = result.status === 'succeeded' ? 'x' : ' ';
    lines.push('', '## Checklist', '', ...step.checklist.map((c) => `- [${mark}] ${c}`));
  }
  if (result.error) lines.push('', '## Error', '', fenced(result.error));
  if (result.findings?.length) lines.push('', '## Findings', '', ...result.findings.map((f) => `- ${f}`));
  lines.push('', '## Output', '', result.output ? fenced(result.output) : '_(none)_', '');
  return lines.join('\n');
}
