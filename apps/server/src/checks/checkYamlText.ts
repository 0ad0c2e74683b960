import {
  type AgentCatalog,
  catalogFor,
  type Diagnostic,
  durationOf,
  type Estimate,
  estimate,
  type FileForm,
  type Orchestration,
  type Plan,
  positionIssue,
  type ValidateResult,
  validate,
} from '@baton/core';

/**
 * The diagnostics an answer lists; `moreDiagnostics` counts the rest. A 1.4 MB file can hold
 * 700,000 findings: listed whole, that answer was 121 MB. The first 200 say what to fix.
 */
export const MAX_REPORTED_DIAGNOSTICS = 200;

/** What the server learns from a posted file: plain data, as a worker thread hands it back. */
export interface YamlCheck {
  /** No error (warnings allowed), and no inline agent a request may not define. */
  ok: boolean;
  form: FileForm | null;
  /** The first `MAX_REPORTED_DIAGNOSTICS`, in file order. */
  diagnostics: Diagnostic[];
  moreDiagnostics: number;
  document: Orchestration | null;
  plan: Plan | null;
  /** Only for a file without errors: a refused plan may be too large to schedule. */
  estimate: Estimate | null;
  /** The text of a file sent as bytes, as core decoded it (UTF-8, a BOM dropped). */
  text?: string;
}

export interface CheckContext {
  agents: AgentCatalog;
  /** The registry's agents whose file failed: name → why (a reference to one says so). */
  unavailableAgents: Readonly<Record<string, string>>;
}

/**
 * Commands and URLs come from the server's own agent files, never from a request (docs/design.md §4):
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

/** Validate a posted file against the server's registry (docs/design.md §2.3, §4). */
export function checkYamlText(input: string | Uint8Array, context: CheckContext): YamlCheck {
  const result = validate(input, {
    agents: context.agents,
    unavailableAgents: context.unavailableAgents,
  });
  const violations = inlineAgentViolations(result);
  const diagnostics = violations.length ? [...result.diagnostics, ...violations] : result.diagnostics;
  const ok = result.ok && violations.length === 0 && result.document !== null && result.plan !== null;
  const merged = catalogFor(result.document?.agents, context.agents);
  return {
    ok,
    form: result.form,
    diagnostics: diagnostics.slice(0, MAX_REPORTED_DIAGNOSTICS),
    moreDiagnostics: Math.max(0, diagnostics.length - MAX_REPORTED_DIAGNOSTICS),
    document: result.document,
    plan: result.plan,
    estimate: result.ok && result.plan ? estimate(result.plan, durationOf(merged)) : null,
    ...(typeof input === 'string' || !result.source ? {} : { text: result.source.text }),
  };
}
