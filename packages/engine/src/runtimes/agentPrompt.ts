import type { StepInvocation, StepResult } from '../contract.js';

/** The system prompt: the agent's own (from its file), else one built from its description. */
export function systemPrompt(invocation: StepInvocation): string {
  const def = invocation.definition;
  if (def.system_prompt?.trim()) return def.system_prompt;
  return `You are ${invocation.agent}${def.description ? `: ${def.description}` : ''}.`;
}

/**
 * The user message: the task, its checklist, what earlier steps handed over, the findings to
 * address, and, for the roles whose answer steers the run, how to state it so it can be read.
 */
export function userPrompt(invocation: StepInvocation): string {
  const parts: string[] = [`Task: ${invocation.task || invocation.stepId}`];
  if (invocation.checklist.length) {
    parts.push(`Checklist:\n${invocation.checklist.map((c) => `- ${c}`).join('\n')}`);
  }
  for (const [id, result] of Object.entries(invocation.inputs)) {
    parts.push(`Result of ${id}:\n${result.output}`);
  }
  for (const [name, content] of Object.entries(invocation.artifacts)) {
    parts.push(`Artifact ${name}:\n${content}`);
  }
  if (invocation.feedback?.length) {
    parts.push(
      `This is revision ${invocation.round}. Address these findings:\n${invocation.feedback.map((f) => `- ${f}`).join('\n')}`,
    );
  }
  if (invocation.role === 'analyzer' && invocation.conditions?.length) {
    parts.push(
      `End your answer with one line "CONDITION: <name>", the name being one of: ${invocation.conditions.join(', ')}.`,
    );
  }
  if (invocation.role === 'reviewer' || invocation.role === 'validator') {
    parts.push(
      'End your answer with a line "VERDICT: approve" or "VERDICT: changes_requested"; when requesting changes, follow it with a line "FINDINGS:" and one "- " line per finding.',
    );
  }
  return parts.join('\n\n');
}

/** Read the condition, verdict and findings an LLM stated at the end of its text answer. */
export function readStructuredAnswer(text: string): Pick<StepResult, 'condition' | 'verdict' | 'findings'> {
  const out: Pick<StepResult, 'condition' | 'verdict' | 'findings'> = {};
  const condition = /^\s*\**CONDITION\**\s*:\s*`?([A-Za-z0-9_.-]+)`?/im.exec(text);
  if (condition) out.condition = condition[1] as string;
  const verdict = /^\s*\**VERDICT\**\s*:\s*`?(approve|changes_requested)`?/im.exec(text);
  if (verdict) out.verdict = (verdict[1] as string).toLowerCase() as 'approve' | 'changes_requested';
  const findingsAt = text.search(/^\s*\**FINDINGS\**\s*:/im);
  if (findingsAt >= 0) {
    const findings = text
      .slice(findingsAt)
      .split('\n')
      .slice(1)
      .map((l) => /^\s*[-*]\s+(.*)$/.exec(l)?.[1]?.trim())
      .filter((f): f is string => !!f);
    if (findings.length) out.findings = findings;
  }
  return out;
}
