import { create } from 'zustand';

/** What the Inspector edits and the YAML tab highlights: a block, a step node, or nothing. */
export type Selection = { kind: 'stage'; stageId: string } | { kind: 'step'; stepId: string } | null;

interface SelectionState {
  selection: Selection;
  select(selection: Selection): void;
}

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  selection: null,
  select(selection) {
    if (sameSelection(get().selection, selection)) return;
    set({ selection });
  },
}));

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  return a.kind === 'stage' ? a.stageId === (b as typeof a).stageId : a.stepId === (b as typeof a).stepId;
}
