import type { Orchestration } from '@baton/core';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { GraphViews } from '../store/graphViews';
import { useDocumentStore } from '../store/useDocumentStore';
import { type Selection, useSelectionStore } from '../store/useSelectionStore';
import { buildFlowGraph, type FlowGraph } from './buildFlowGraph';
import { type FlowEdge, type FlowNode, stageIdOfBlock } from './flowTypes';
import type { XY } from './layout/defaultBlockPositions';

/** The views the canvas draws now (the run's while one is shown): what a node reads. */
export const useShownViews = <T>(select: (views: GraphViews) => T): T =>
  useCanvasStore((s) => select(s.views));

/**
 * The canvas's React Flow state: nodes and edges derived from the document store, plus what is
 * the canvas's own: where each block was put. Model edits never go through here.
 */
/** A graph drawn instead of the document being edited: a run's own plan (read-only). */
export interface ShownGraph {
  document: Orchestration;
  views: GraphViews;
}

interface CanvasState {
  /** The views the nodes draw: the edited document's, or those of the run shown. */
  views: GraphViews;
  /** Set while a run is shown: its plan is drawn and the canvas is read-only. */
  runGraph: ShownGraph | null;
  nodes: FlowNode[];
  edges: FlowEdge[];
  graph: FlowGraph;
  /** Blocks a person placed (or auto-layout placed), by stage id; others get a default place. */
  positions: Record<string, XY>;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  setPositions(positions: Record<string, XY>, options?: { replace?: boolean }): void;
  renameStages(renames: Record<string, string>): void;
  rebuild(): void;
  /** Draw a run's plan (read-only), or the edited document again with `null`. */
  showGraph(graph: ShownGraph | null): void;
}

const EMPTY_GRAPH: FlowGraph = { nodes: [], edges: [], blocks: new Map() };

function shown(runGraph: ShownGraph | null): ShownGraph {
  if (runGraph) return runGraph;
  const { document, views } = useDocumentStore.getState();
  return { document, views };
}

export const useCanvasStore = create<CanvasState>()((set, get) => ({
  views: useDocumentStore.getState().views,
  runGraph: null,
  nodes: [],
  edges: [],
  graph: EMPTY_GRAPH,
  positions: {},

  onNodesChange(changes) {
    const nodes = applyNodeChanges(changes, get().nodes);
    const moved: Record<string, XY> = {};
    for (const change of changes) {
      if (change.type !== 'position' || change.dragging || !change.position) continue;
      const stageId = stageIdOfBlock(change.id);
      if (stageId) moved[stageId] = change.position;
    }
    if (Object.keys(moved).length) set({ nodes, positions: { ...get().positions, ...moved } });
    else set({ nodes });
    const selected = changes.filter((c) => c.type === 'select');
    if (selected.length) syncSelectionFromNodes(nodes);
  },

  onEdgesChange(changes) {
    set({ edges: applyEdgeChanges(changes, get().edges) });
  },

  setPositions(positions, options) {
    set({ positions: options?.replace ? positions : { ...get().positions, ...positions } });
    get().rebuild();
  },

  renameStages(renames) {
    if (!Object.keys(renames).length) return;
    const positions: Record<string, XY> = {};
    for (const [id, xy] of Object.entries(get().positions)) positions[renames[id] ?? id] = xy;
    set({ positions });
  },

  showGraph(runGraph) {
    if (runGraph === get().runGraph) return;
    set({ runGraph });
    get().rebuild();
  },

  rebuild() {
    const { positions, graph, runGraph } = get();
    const { document, views } = shown(runGraph);
    // A run's nodes are not selectable for editing: the selection is the editor's.
    const selection = runGraph ? null : useSelectionStore.getState().selection;
    const next = buildFlowGraph(document, views, positions, selection, graph);
    // A block stays where it was first shown: later edits elsewhere do not move it. A run's
    // plan is only looked at: its places are not the editor's to keep.
    let frozen = positions;
    if (runGraph) {
      set({ views, graph: next, nodes: next.nodes, edges: next.edges });
      return;
    }
    for (const [stageId, block] of next.blocks) {
      if (positions[stageId]) continue;
      if (frozen === positions) frozen = { ...positions };
      frozen[stageId] = block.position;
    }
    set({ views, graph: next, nodes: next.nodes, edges: next.edges, positions: frozen });
  },
}));

/** A click on the canvas selects a block or a step: the Inspector and the YAML tab follow. */
function syncSelectionFromNodes(nodes: FlowNode[]) {
  const picked = nodes.find((n) => n.selected && n.type !== 'stage') ?? nodes.find((n) => n.selected);
  const { select } = useSelectionStore.getState();
  if (!picked) select(null);
  else if (picked.type === 'stage') select({ kind: 'stage', stageId: picked.data.stageId });
  else select({ kind: 'step', stepId: picked.id });
}

// The graph follows the document and the selection, whoever changes them.
useDocumentStore.subscribe((state, previous) => {
  if (
    (state.views !== previous.views || state.document !== previous.document) &&
    !useCanvasStore.getState().runGraph
  )
    useCanvasStore.getState().rebuild();
});
useSelectionStore.subscribe((state, previous) => {
  if (state.selection !== previous.selection && !useCanvasStore.getState().runGraph)
    applySelectionFlags(state.selection);
});

function applySelectionFlags(selection: Selection) {
  const { nodes } = useCanvasStore.getState();
  const wantedId =
    selection?.kind === 'stage'
      ? `stage:${selection.stageId}`
      : selection?.kind === 'step'
        ? selection.stepId
        : null;
  let changed = false;
  const next = nodes.map((node) => {
    const selected = node.id === wantedId;
    if (!!node.selected === selected) return node;
    changed = true;
    return { ...node, selected };
  });
  if (changed) useCanvasStore.setState({ nodes: next });
}
