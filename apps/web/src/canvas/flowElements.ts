import type { Orchestration } from '@baton/core';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { StoreApi } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { XY } from '../shared/geometry';
import type { GraphViews } from '../store/graphViews';
import { type CanvasState, type NodeSize, useCanvasStore } from '../store/useCanvasStore';
import { type DocumentState, useDocumentStore } from '../store/useDocumentStore';
import { type Selection, type SelectionState, useSelectionStore } from '../store/useSelectionStore';
import { buildFlowGraph, type FlowGraph } from './buildFlowGraph';
import { blockNodeId, type FlowEdge, type FlowNode, stageIdOfBlock } from './flowTypes';

/** The stores the canvas is drawn from and the editor's commands act on. */
export interface EditorStores {
  document: StoreApi<DocumentState>;
  selection: StoreApi<SelectionState>;
  canvas: StoreApi<CanvasState>;
}

/** The app's stores (tests make their own with the stores' `create…Store`). */
export const appStores: EditorStores = {
  document: useDocumentStore,
  selection: useSelectionStore,
  canvas: useCanvasStore,
};

export interface FlowElements {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The canvas node a selection is: a block's node id, or the step's own id. */
export const selectedNodeId = (selection: Selection): string | null =>
  !selection ? null : selection.kind === 'stage' ? blockNodeId(selection.stageId) : selection.stepId;

/**
 * The derivation of what React Flow draws, remembered per canvas store: each step answers the
 * object it answered last when its inputs are the same objects, and keeps unchanged nodes and
 * edges by identity, so React Flow skips them (a drag changes one node per frame of 1,000).
 */
interface Derivation {
  graph?: { document: Orchestration; views: GraphViews; positions: Record<string, XY>; graph: FlowGraph };
  nodes?: {
    graph: FlowGraph;
    selected: string | null;
    measured: Record<string, NodeSize>;
    dragged: Record<string, XY>;
    nodes: FlowNode[];
  };
  edges?: { graph: FlowGraph; selected: ReadonlySet<string> | null; edges: FlowEdge[] };
  drawnNodes: Map<string, { base: FlowNode; selected: boolean; size?: NodeSize; at?: XY; node: FlowNode }>;
  drawnEdges: Map<string, { base: FlowEdge; selected: boolean; edge: FlowEdge }>;
}

const derivations = new WeakMap<StoreApi<CanvasState>, Derivation>();

function derivationOf(canvas: StoreApi<CanvasState>): Derivation {
  let derivation = derivations.get(canvas);
  if (!derivation) {
    derivation = { drawnNodes: new Map(), drawnEdges: new Map() };
    derivations.set(canvas, derivation);
  }
  return derivation;
}

interface Inputs {
  edited: { document: Orchestration; views: GraphViews };
  canvas: Pick<CanvasState, 'runGraph' | 'positions' | 'measured' | 'dragged' | 'edgeSelection'>;
  selection: Selection;
}

/** The document drawn: the run's plan while one is shown, else the edited one. */
const shownOf = ({ edited, canvas }: Inputs) => canvas.runGraph ?? edited;

function graphFrom(derivation: Derivation, inputs: Inputs): FlowGraph {
  const { document, views } = shownOf(inputs);
  const { positions } = inputs.canvas;
  const last = derivation.graph;
  if (last && last.document === document && last.views === views && last.positions === positions)
    return last.graph;
  const graph = buildFlowGraph(document, views, positions, last?.graph);
  derivation.graph = { document, views, positions, graph };
  return graph;
}

function nodesFrom(derivation: Derivation, graph: FlowGraph, inputs: Inputs): FlowNode[] {
  // A run's nodes are not selectable for editing: the selection is the editor's.
  const selected = inputs.canvas.runGraph ? null : selectedNodeId(inputs.selection);
  const { measured, dragged } = inputs.canvas;
  const last = derivation.nodes;
  if (
    last &&
    last.graph === graph &&
    last.selected === selected &&
    last.measured === measured &&
    last.dragged === dragged
  )
    return last.nodes;
  const drawn = derivation.drawnNodes;
  const nodes = graph.nodes.map((base) => {
    const isSelected = base.id === selected;
    const size = measured[base.id];
    const at = dragged[base.id];
    const old = drawn.get(base.id);
    if (old && old.base === base && old.selected === isSelected && old.size === size && old.at === at)
      return old.node;
    const node =
      isSelected || size || at
        ? ({
            ...base,
            ...(isSelected ? { selected: true } : {}),
            ...(size ? { measured: size } : {}),
            ...(at ? { position: at, dragging: true } : {}),
          } as FlowNode)
        : base;
    drawn.set(base.id, { base, selected: isSelected, size, at, node });
    return node;
  });
  derivation.nodes = { graph, selected, measured, dragged, nodes };
  return nodes;
}

function edgesFrom(derivation: Derivation, graph: FlowGraph, inputs: Inputs): FlowEdge[] {
  const { edgeSelection } = inputs.canvas;
  const selected = edgeSelection && edgeSelection.views === shownOf(inputs).views ? edgeSelection.ids : null;
  const last = derivation.edges;
  if (last && last.graph === graph && last.selected === selected) return last.edges;
  const drawn = derivation.drawnEdges;
  const edges = graph.edges.map((base) => {
    const isSelected = selected?.has(base.id) ?? false;
    const old = drawn.get(base.id);
    if (old && old.base === base && old.selected === isSelected) return old.edge;
    const edge = isSelected ? { ...base, selected: true } : base;
    drawn.set(base.id, { base, selected: isSelected, edge });
    return edge;
  });
  derivation.edges = { graph, selected, edges };
  return edges;
}

const inputsOf = (stores: EditorStores): Inputs => ({
  edited: stores.document.getState(),
  canvas: stores.canvas.getState(),
  selection: stores.selection.getState().selection,
});

/** The blocks, nodes and edges of the document drawn now, unselected (for layout and placing). */
export const flowGraphOf = (stores: EditorStores): FlowGraph =>
  graphFrom(derivationOf(stores.canvas), inputsOf(stores));

/** What React Flow is handed now: the graph with the selection, sizes and drags marked on it. */
export function flowElementsOf(stores: EditorStores): FlowElements {
  const derivation = derivationOf(stores.canvas);
  const inputs = inputsOf(stores);
  const graph = graphFrom(derivation, inputs);
  return { nodes: nodesFrom(derivation, graph, inputs), edges: edgesFrom(derivation, graph, inputs) };
}

/** The canvas's nodes and edges, re-derived when the document, the canvas state or the selection changes. */
export function useFlowElements(): FlowElements {
  const edited = useDocumentStore(useShallow((s) => ({ document: s.document, views: s.views })));
  const canvas = useCanvasStore(
    useShallow((s) => ({
      runGraph: s.runGraph,
      positions: s.positions,
      measured: s.measured,
      dragged: s.dragged,
      edgeSelection: s.edgeSelection,
    })),
  );
  const selection = useSelectionStore((s) => s.selection);
  const derivation = derivationOf(useCanvasStore);
  const inputs = { edited, canvas, selection };
  const graph = graphFrom(derivation, inputs);
  return { nodes: nodesFrom(derivation, graph, inputs), edges: edgesFrom(derivation, graph, inputs) };
}

/**
 * React Flow's node changes, as commands: a drag moves the node drawn (and, let go, the block's
 * place), a measurement is kept for it, and a click selects in the selection store. Nothing else
 * React Flow would change is ours to change (deleting is the editor's command).
 */
export function applyNodeChanges(stores: EditorStores, changes: NodeChange<FlowNode>[]): void {
  const canvas = stores.canvas.getState();
  let { dragged, measured } = canvas;
  const moved: Record<string, XY> = {};
  const picks: { id: string; selected: boolean }[] = [];
  for (const change of changes) {
    if (change.type === 'position') {
      if (change.dragging && change.position) {
        dragged = { ...dragged, [change.id]: change.position };
        continue;
      }
      if (change.id in dragged) {
        dragged = { ...dragged };
        delete dragged[change.id];
      }
      const stageId = stageIdOfBlock(change.id);
      if (stageId && change.position) moved[stageId] = change.position;
    } else if (change.type === 'dimensions' && change.dimensions) {
      const old = measured[change.id];
      const { width, height } = change.dimensions;
      if (old?.width !== width || old?.height !== height)
        measured = { ...measured, [change.id]: { width, height } };
    } else if (change.type === 'select') {
      picks.push({ id: change.id, selected: change.selected });
    }
  }
  const update: Partial<CanvasState> = {};
  if (dragged !== canvas.dragged) update.dragged = dragged;
  if (measured !== canvas.measured) update.measured = measured;
  if (Object.keys(moved).length) update.positions = { ...canvas.positions, ...moved };
  if (Object.keys(update).length) stores.canvas.setState(update);
  if (picks.length) selectFromPicks(stores, picks);
}

/** A click on the canvas selects a block or a step (a step over its block): the Inspector and the YAML tab follow. */
function selectFromPicks(stores: EditorStores, picks: { id: string; selected: boolean }[]) {
  const { selection, select } = stores.selection.getState();
  const selectedIds = new Set<string>();
  const current = selectedNodeId(selection);
  if (current) selectedIds.add(current);
  for (const pick of picks) {
    if (pick.selected) selectedIds.add(pick.id);
    else selectedIds.delete(pick.id);
  }
  const ids = [...selectedIds];
  const picked = ids.find((id) => !stageIdOfBlock(id)) ?? ids[0];
  const stageId = picked ? stageIdOfBlock(picked) : null;
  if (!picked) select(null);
  else if (stageId) select({ kind: 'stage', stageId });
  else select({ kind: 'step', stepId: picked });
}

/** React Flow's edge changes: only a click selecting a `needs` edge (or not) is ours. */
export function applyEdgeChanges(stores: EditorStores, changes: EdgeChange<FlowEdge>[]): void {
  const canvas = stores.canvas.getState();
  const { views } = shownOf(inputsOf(stores));
  const ids = new Set(canvas.edgeSelection?.views === views ? canvas.edgeSelection.ids : []);
  let changed = false;
  for (const change of changes) {
    if (change.type !== 'select') continue;
    changed = true;
    if (change.selected) ids.add(change.id);
    else ids.delete(change.id);
  }
  if (changed) stores.canvas.setState({ edgeSelection: ids.size ? { ids, views } : null });
}

/** The selected `needs` edge, if one is (what Delete removes before the selection). */
export function selectedNeedsEdge(stores: EditorStores): FlowEdge | undefined {
  return flowElementsOf(stores).edges.find((e) => e.selected && e.data?.kind === 'stage');
}
