import type { AgentCatalog, Diagnostic } from '@baton/core';
import type { Snapshot } from '../store/history';
import { analyzeYaml } from './analyzeYaml';

/** A file's text as an editor state, or the diagnostics that say why it cannot be opened. */
export function snapshotFromText(
  text: string,
  registry: AgentCatalog,
): { snapshot: Snapshot; diagnostics: Diagnostic[] } | { snapshot: null; diagnostics: Diagnostic[] } {
  const result = analyzeYaml(text, registry);
  if (!result.document || !result.source) return { snapshot: null, diagnostics: result.diagnostics };
  return {
    snapshot: { document: result.document, source: result.source, preferredForm: result.form ?? 'full' },
    diagnostics: result.diagnostics,
  };
}
