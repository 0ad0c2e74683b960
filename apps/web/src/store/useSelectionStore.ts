import { create, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * What the Inspector edits and the YAML tab highlights: a block, a step node, or nothing. This
 * store is its one owner: the canvas's nodes read `selected` from it, and a click on the canvas
 * is turned into a `select` here (canvas/flowNodes.ts), never kept as a second copy.
 */
export type Selection = { kind: 'stage'; stageId: string } | { kind: 'step'; stepId: string } | null;

export interface SelectionState {
  selection: Selection;
  select(selection: Selection): void;
}

const selectionState: StateCreator<SelectionState> = (set, get) => ({
  selection: null,
  select(selection) {
    if (sameSelection(get().selection, selection)) return;
    set({ selection });
  },
});

export const useSelectionStore = create<SelectionState>()(selectionState);

/** A selection store of its own (tests drive commands against one). */
export const createSelectionStore = () => createStore<SelectionState>()(selectionState);

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  return a.kind === 'stage' ? a.stageId === (b as typeof a).stageId : a.stepId === (b as typeof a).stepId;
}
