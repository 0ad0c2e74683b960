import { BUILTIN_AGENTS, parse } from '@baton/core';
import { type Edge, type Node, ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import { buildFlowGraph } from '../canvas/buildFlowGraph';
import { FIT_OPTIONS } from '../canvas/fitOptions';
import { graphViews } from '../store/graphViews';

declare global {
  interface Window {
    BENCH_YAML?: string;
  }
}

/**
 * The benchmark's baseline: a bare React Flow page (default nodes, no stores, no minimap) with
 * exactly the nodes and edges the editor draws for the same file, at the same places. The
 * editor's frame times while dragging a block are reported relative to this page's.
 */
function bareGraph(): { nodes: Node[]; edges: Edge[] } {
  const parsed = parse(window.BENCH_YAML ?? '');
  if (!parsed.document) return { nodes: [], edges: [] };
  const views = graphViews(parsed.document, BUILTIN_AGENTS);
  const graph = buildFlowGraph(parsed.document, views, {}, null);
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
const FRAME: React.CSSProperties = { position: 'fixed', top: 52, left: 232, right: 372, bottom: 0 };

export function BareFlowPage() {
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
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
