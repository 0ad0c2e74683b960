import { BUILTIN_AGENTS, parse } from '@baton/core';
import { type Edge, type Node, ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import { buildFlowGraph } from '../canvas/buildFlowGraph';
import { FIT_OPTIONS } from '../canvas/fitOptions';
import { graphViews } from '../store/graphViews';
import { useBareRunStatuses } from './useBareRunStatuses';

declare global {
  interface Window {
    BENCH_YAML?: string;
    /** Where the flow sits, when the bench matches a view other than the editor's (the run view). */
    BENCH_FRAME?: { top: number; left: number; width: number; height: number };
  }
}

/**
 * The benchmark's baseline: a bare React Flow page (default nodes, no stores, no minimap) with
 * exactly the nodes and edges the editor draws for the same file, at the same places. The
 * editor's frame times while dragging a block are reported relative to this page's. With
 * `?run=<runId>` it also follows that run's events, a class per step status (the baseline for
 * the editor's live run view).
 */
function bareGraph(): { nodes: Node[]; edges: Edge[] } {
  const parsed = parse(window.BENCH_YAML ?? '');
  if (!parsed.document) return { nodes: [], edges: [] };
  const views = graphViews(parsed.document, BUILTIN_AGENTS);
  const graph = buildFlowGraph(parsed.document, views, {});
  const nodes: Node[] = graph.nodes.map((n) => ({
    id: n.id,
    type: n.type === 'stage' ? 'group' : 'default',
    position: n.position,
    width: n.width,
    height: n.height,
    ...(n.parentId ? { parentId: n.parentId, extent: 'parent' as const } : {}),
    data: { label: n.id },
  }));
  const edges: Edge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
  return { nodes, edges };
}

const initial = bareGraph();

/** The flow sits where the editor's canvas sits (same size, same fit), so zoom levels match. */
const FRAME: React.CSSProperties = window.BENCH_FRAME
  ? { position: 'fixed', ...window.BENCH_FRAME }
  : { position: 'fixed', top: 52, left: 232, right: 372, bottom: 0 };

const runId = new URLSearchParams(window.location.search).get('run');

export function BareFlowPage() {
  const [nodes, setNodes, onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  useBareRunStatuses(runId, setNodes);
  return (
    <div style={FRAME} data-testid="bare-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.04}
        maxZoom={2}
      />
    </div>
  );
}
