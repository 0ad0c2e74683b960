import {
  type AgentCatalog,
  catalogFor,
  type Diagnostic,
  positionIssue,
  type ValidateResult,
} from '@baton/core';
import { missingAgentPrograms } from '@baton/engine';

/**
 * The warnings a run would turn into failed steps: each agent the plan calls whose real
 * runtime's program (claude, codex, gemini, a command's argv[0]) is not found, placed where
 * the file names the agent. None for a file that did not compile.
 */
export function programWarnings(
  result: ValidateResult,
  registry: AgentCatalog,
  workspace: string,
): Diagnostic[] {
  const { plan, source, document } = result;
  if (!plan || !source || !document) return [];
  const catalog = catalogFor(document.agents, registry);
  return missingAgentPrograms(plan, catalog, { workspace }).map((issue) => positionIssue(source, issue));
}
