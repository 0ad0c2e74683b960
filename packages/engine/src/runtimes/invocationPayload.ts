import type { StepInvocation, StepResult } from '../contract.js';
import { failed } from './agentRuntime.js';

/**
 * What an external agent (a process, an HTTP service) is sent: the invocation without the
 * agent's definition, which holds the runtime's own settings (commands, headers).
 */
export function invocationPayload(invocation: StepInvocation) {
  const { definition, ...rest } = invocation;
  return {
    ...rest,
    ...(definition.system_prompt ? { systemPrompt: definition.system_prompt } : {}),
  };
}

const VERDICTS = new Set(['approve', 'changes_requested']);

/**
 * An agent's answer as a result: `{output, condition?, verdict?, findings?, status?, error?}`.
 * Anything else is an error message naming what was wrong, never a crash.
 */
export function resultFromJson(value: unknown, what: string): StepResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return failed(`${what} is not a JSON object: ${preview(JSON.stringify(value) ?? String(value))}`);
  }
  const body = value as Record<string, unknown>;
  const output = body.output === undefined ? '' : body.output;
  if (typeof output !== 'string') return failed(`${what}: "output" must be a string`);
  const status = body.status === 'failed' ? 'failed' : 'succeeded';
  const result: StepResult = { status, output };
  if (typeof body.condition === 'string') result.condition = body.condition;
  if (body.verdict !== undefined) {
    if (typeof body.verdict !== 'string' || !VERDICTS.has(body.verdict)) {
      return failed(`${what}: "verdict" must be approve or changes_requested`, output);
    }
    result.verdict = body.verdict as 'approve' | 'changes_requested';
  }
  if (Array.isArray(body.findings)) result.findings = body.findings.map(String);
  if (status === 'failed')
    result.error = typeof body.error === 'string' ? body.error : `${what} reports failure`;
  return result;
}

/** The start of a long text, for an error message. */
export function preview(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
