import type { Orchestration, Plan } from '@baton/core';
import type { CheckContext, YamlCheck } from '../checks/checkYamlText.js';
import { ApiError } from './ApiError.js';

/** What checks posted files: the server's `CheckPool`, off the event loop. */
export interface YamlChecker {
  check(input: string | Uint8Array, context: CheckContext): Promise<YamlCheck>;
}

export interface CheckedOrchestration {
  document: Orchestration;
  plan: Plan;
  /** The file's text: as sent, or for bytes as core decoded them. */
  text: string;
}

/**
 * A file that can be stored and run, or a 400 with its diagnostics (the first
 * `MAX_REPORTED_DIAGNOSTICS`, and how many more there are).
 */
export function checkedOrThrow(input: string | Uint8Array, check: YamlCheck): CheckedOrchestration {
  if (!check.ok || !check.document || !check.plan) {
    const first = check.diagnostics.find((d) => d.severity === 'error');
    const where = first ? ` (line ${first.line}, column ${first.col})` : '';
    const error = new ApiError(
      400,
      'invalid_orchestration',
      first ? `${first.message}${where}` : 'the orchestration is not valid',
      check.diagnostics,
    );
    error.moreDiagnostics = check.moreDiagnostics;
    throw error;
  }
  const text = typeof input === 'string' ? input : (check.text ?? '');
  return { document: check.document, plan: check.plan, text };
}

/**
 * Validate posted YAML against the server's registry (`context.unavailableAgents`: the
 * registry's agents whose file failed, so a reference to one says why); any error is a 400.
 */
export async function checkOrchestration(
  checker: YamlChecker,
  input: string | Uint8Array,
  context: CheckContext,
): Promise<CheckedOrchestration> {
  return checkedOrThrow(input, await checker.check(input, context));
}
