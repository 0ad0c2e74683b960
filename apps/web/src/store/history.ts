import type { FileForm, Orchestration, YamlSource } from '@baton/core';

/** One state of the document that undo can return to. */
export interface Snapshot {
  document: Orchestration;
  /** The text the document was last parsed from: keeps its comments and formatting. */
  source: YamlSource | null;
  preferredForm: FileForm;
  /**
   * What the YAML tab held when its text did not parse: typed work the document cannot show,
   * kept here so that undo and redo take it back and bring it back like any other edit.
   */
  unparsedText?: string | null;
}

export interface History {
  past: Snapshot[];
  future: Snapshot[];
  /** Edits with the same key within COALESCE_MS (typing in one field) share one undo step. */
  lastKey: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1200;

export const emptyHistory = (): History => ({ past: [], future: [], lastKey: null, lastAt: 0 });

/** The history after an edit that left `before` behind. */
export function recordEdit(history: History, before: Snapshot, key: string | null, now: number): History {
  const coalesce = key !== null && key === history.lastKey && now - history.lastAt < COALESCE_MS;
  const past = coalesce ? history.past : [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: now };
}

export function undoStep(
  history: History,
  current: Snapshot,
): { history: History; snapshot: Snapshot } | null {
  const snapshot = history.past.at(-1);
  if (!snapshot) return null;
  return {
    snapshot,
    history: {
      past: history.past.slice(0, -1),
      future: [current, ...history.future],
      lastKey: null,
      lastAt: 0,
    },
  };
}

export function redoStep(
  history: History,
  current: Snapshot,
): { history: History; snapshot: Snapshot } | null {
  const snapshot = history.future[0];
  if (!snapshot) return null;
  return {
    snapshot,
    history: { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0 },
  };
}
