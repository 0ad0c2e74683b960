import {
  type AgentCatalog,
  type Diagnostic,
  type Orchestration,
  type Plan,
  positionIssue,
  type ValidateResult,
  validate,
} from '@baton/core';
import { ApiError } from './ApiError.js';

export interface CheckedOrchestration {
  document: Orchestration;
  plan: Plan;
  result: ValidateResult;
}

/**
 * Commands and URLs come from the server's own agent files, never from a request (DESIGN §4):
 * a posted file may define inline only simulated agents.
 */
export function inlineAgentViolations(result: ValidateResult): Diagnostic[] {
  const { document, source } = result;
  if (!document || !source) return [];
  return Object.entries(document.agents ?? {})
    .filter(([, def]) => def.runtime && def.runtime.kind !== 'simulated')
    .map(([name, def]) =>
      positionIssue(source, {
        severity: 'error',
        message: `agent '${name}' is defined inline with runtime '${def.runtime?.kind}': a posted file may define only simulated agents inline; put '${name}' in the server's agent files (baton.agents.yaml or .claude/agents) and reference it by name`,
        path: ['agents', name, 'runtime', 'kind'],
      }),
    );
}

/**
 * Validate posted YAML against the server's registry; any error is a 400 with every diagnostic.
 * `unavailableAgents`: the registry's agents whose file failed, so a reference to one says why.
 */
export function checkOrchestration(
  yaml: string | Uint8Array,
  agents: AgentCatalog,
  unavailableAgents: Readonly<Record<string, string>> = {},
): CheckedOrchestration {
  const result = validate(yaml, { agents, unavailableAgents });
  const violations = inlineAgentViolations(result);
  const diagnostics = [...result.diagnostics, ...violations];
  if (!result.ok || violations.length || !result.document || !result.plan) {
    const first = diagnostics.find((d) => d.severity === 'error');
    const where = first ? ` (line ${first.line}, column ${first.col})` : '';
    throw new ApiError(
      400,
      'invalid_orchestration',
      first ? `${first.message}${where}` : 'the orchestration is not valid',
      diagnostics,
    );
  }
  return { document: result.document, plan: result.plan, result };
}
