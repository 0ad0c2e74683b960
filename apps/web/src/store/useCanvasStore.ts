import type { Orchestration } from '@baton/core';
import { create, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { XY } from '../shared/geometry';
import type { GraphViews } from './graphViews';
import { useDocumentStore } from './useDocumentStore';

/** A graph drawn instead of the document being edited: a run's own plan (read-only). */
export interface ShownGraph {
  document: Orchestration;
  views: GraphViews;
}

export interface NodeSize {
  width: number;
  height: number;
}

/**
 * What is the canvas's own: where each block was put, what React Flow measured and is dragging,
 * and which run's plan is shown. The nodes and edges React Flow draws are not kept here: they are
 * derived from the document, this state and the selection (flowElements.ts).
 */
export interface CanvasState {
  /** Set while a run is shown: its plan is drawn and the canvas is read-only. */
  runGraph: ShownGraph | null;
  /** Blocks a person placed (or auto-layout placed, or first shown), by stage id. */
  positions: Record<string, XY>;
  /** Nodes in the middle of a drag, by node id: drawn where the pointer has them until let go. */
  dragged: Record<string, XY>;
  /** Node sizes React Flow measured, by node id: it wants them back on the nodes it is handed. */
  measured: Record<string, NodeSize>;
  /**
   * The `needs` edges clicked, with the views they were drawn from: an edit redraws the edges
   * unselected (React Flow's edges were replaced on every edit before this was derived).
   */
  edgeSelection: { ids: ReadonlySet<string>; views: GraphViews } | null;
  setPositions(positions: Record<string, XY>, options?: { replace?: boolean }): void;
  renameStages(renames: Record<string, string>): void;
  /** Draw a run's plan (read-only), or the edited document again with `null`. */
  showGraph(graph: ShownGraph | null): void;
}

const canvasState: StateCreator<CanvasState> = (set, get) => ({
  runGraph: null,
  positions: {},
  dragged: {},
  measured: {},
  edgeSelection: null,

  setPositions(positions, options) {
    set({ positions: options?.replace ? positions : { ...get().positions, ...positions } });
  },

  renameStages(renames) {
    if (!Object.keys(renames).length) return;
    const positions: Record<string, XY> = {};
    for (const [id, xy] of Object.entries(get().positions)) positions[renames[id] ?? id] = xy;
    set({ positions });
  },

  showGraph(runGraph) {
    if (runGraph === get().runGraph) return;
    set({ runGraph, dragged: {} });
  },
});

export const useCanvasStore = create<CanvasState>()(canvasState);

/** A canvas store of its own (tests drive commands against one). */
export const createCanvasStore = () => createStore<CanvasState>()(canvasState);

/** The views the canvas draws now (the run's while one is shown): what a node reads. */
export function useShownViews<T>(select: (views: GraphViews) => T): T {
  const runViews = useCanvasStore((s) => s.runGraph?.views ?? null);
  const editedValue = useDocumentStore((s) => select(s.views));
  return runViews ? select(runViews) : editedValue;
}
