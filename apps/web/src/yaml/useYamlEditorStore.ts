import type { ValidateResult } from '@baton/core';
import { create } from 'zustand';

/** The YAML tab's own state: what the text in the editor parses to, and whether it is applied. */
interface YamlEditorState {
  /** Analysis of the editor's current text (diagnostics with lines; the plan when it parses). */
  analysis: ValidateResult | null;
  /** The editor holds text the document does not reflect yet (being typed, or invalid). */
  pending: boolean;
  /** A request to put the cursor on a line (a diagnostic was clicked). */
  reveal: { line: number; col: number; at: number } | null;
  /**
   * Apply what is being typed now rather than after the pause: a save or a run must take the
   * text on screen, not the document of a moment ago. Null while no YAML editor is open.
   */
  flush: (() => void) | null;
}

export const useYamlEditorStore = create<YamlEditorState>()(() => ({
  analysis: null,
  pending: false,
  reveal: null,
  flush: null,
}));

/** Bring the document up to the YAML tab's text, if an edit there is waiting for its pause. */
export function flushYamlEdits(): void {
  const { pending, flush } = useYamlEditorStore.getState();
  if (pending) flush?.();
}
