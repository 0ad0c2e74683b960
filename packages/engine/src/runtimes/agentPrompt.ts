import type { StepInvocation } from '../contract.js';

/** The system prompt: the agent's own (from its file), else one built from its description. */
export function systemPrompt(invocation: StepInvocation): string {
  const def = invocation.definition;
  if (def.system_prompt?.trim()) return def.system_prompt;
  return `You are ${invocation.agent}${def.description ? `: ${def.description}` : ''}.`;
}

/** What each role is asked to do with what it is given. */
const ROLE_NOTES: Partial<Record<NonNullable<StepInvocation['role']>, string>> = {
  reviewer: 'You are reviewing the work of an earlier step (its result is below). Do not redo the work.',
  validator: 'You are validating the work of the phase before you (its result is below).',
  analyzer: 'You are choosing which branch of the orchestration runs next.',
  fanin: 'You are combining the results of the parallel steps below into one.',
};

/**
 * The one plain-text prompt every runtime sends (docs/design.md §3.3): the task, its checklist, what
 * earlier steps handed over, the findings to address, and, for the roles whose answer steers
 * the run, the exact lines to end with so that `readAgentAnswer` can read them. It never starts
 * with "-": CLIs take it as an argument.
 */
export function userPrompt(invocation: StepInvocation): string {
  const parts: string[] = [`Task: ${invocation.task.trim() || invocation.stepId}`];
  const note = invocation.role ? ROLE_NOTES[invocation.role] : undefined;
  if (note) parts.push(note);
  if (invocation.checklist.length) {
    parts.push(`Checklist:\n${invocation.checklist.map((c) => `- ${c}`).join('\n')}`);
  }
  for (const [name, content] of Object.entries(invocation.artifacts)) {
    parts.push(`Artifact ${name} (handed down by an earlier step):\n${content}`);
  }
  for (const [id, result] of Object.entries(invocation.inputs)) {
    // An artifact already shown is not repeated as the result it came from.
    if (Object.values(invocation.artifacts).includes(result.output) && result.output) continue;
    parts.push(`Result of ${id}:\n${result.output}`);
  }
  if (invocation.feedback?.length) {
    const who = invocation.role === 'phase' ? 'The validator' : 'The reviewers';
    parts.push(
      `This is revision ${invocation.round}. ${who} asked for changes; address these findings:\n${invocation.feedback.map((f) => `- ${f}`).join('\n')}`,
    );
  }
  parts.push(
    `Context: step ${invocation.stepId} of stage ${invocation.stageId} in a Baton run; your working folder is ${invocation.workspace}.`,
  );
  const format = answerFormat(invocation);
  if (format) parts.push(format);
  return parts.join('\n\n');
}

/** The exact answer a reviewer, validator or analyzer must end with; nothing for other roles. */
export function answerFormat(invocation: StepInvocation): string | null {
  if (invocation.role === 'reviewer' || invocation.role === 'validator') {
    return [
      'End your answer with exactly these lines:',
      'VERDICT: approve',
      'or, when changes are needed:',
      'VERDICT: changes_requested',
      'FINDINGS:',
      '- <one line per finding>',
    ].join('\n');
  }
  if (invocation.role === 'analyzer') {
    const offered = invocation.conditions ?? [];
    const list = offered.length ? offered.join(', ') : 'default';
    return `End your answer with one line "CONDITION: <name>", the name being one of: ${list}.`;
  }
  return null;
}

/**
 * For a CLI without a system-prompt flag (codex, gemini): the agent's own instructions, then
 * the one user prompt. It opens with a word, never "-", so that it is never read as a flag.
 */
export function instructedPrompt(invocation: StepInvocation): string {
  return `Your instructions (agent ${invocation.agent}):\n${systemPrompt(invocation)}\n\n${userPrompt(invocation)}`;
}
