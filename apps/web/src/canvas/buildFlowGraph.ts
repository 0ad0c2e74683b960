import type { Orchestration, PlanStep } from '@baton/core';
import { classNames } from '../shared/classNames';
import type { XY } from '../shared/geometry';
import type { GraphViews } from '../store/graphViews';
import { blockNodeId, type FlowEdge, type FlowNode } from './flowTypes';
import { type BlockLayout, blockLayout, type LayoutItem } from './layout/blockLayout';
import { defaultBlockPositions } from './layout/defaultBlockPositions';
import { STEP_H } from './layout/metrics';

export interface PlacedBlock extends BlockLayout {
  stageId: string;
  position: XY;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
  blocks: Map<string, PlacedBlock>;
}

/** Roles a person can drag to reorder among their siblings. */
const REORDERABLE = new Set<PlanStep['role']>(['task', 'reviewer', 'phase', 'fanout', 'branch']);

function sameNode(a: FlowNode, b: FlowNode): boolean {
  return (
    a.type === b.type &&
    a.parentId === b.parentId &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.selected === b.selected &&
    a.draggable === b.draggable &&
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}

function sameEdge(a: FlowEdge, b: FlowEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle &&
    a.className === b.className &&
    a.selected === b.selected &&
    a.data?.implicit === b.data?.implicit &&
    a.data?.critical === b.data?.critical
  );
}

/** Handles for an edge between two shapes of one block: sideways on one row, else top to bottom. */
function handlesFor(from: LayoutItem | undefined, to: LayoutItem | undefined) {
  if (!from || !to) return { sourceHandle: 'b', targetHandle: 't' };
  if (Math.abs(from.y - to.y) < STEP_H / 2 && from.kind === 'step' && to.kind === 'step') {
    return to.x >= from.x
      ? { sourceHandle: 'r', targetHandle: 'l' }
      : { sourceHandle: 'b', targetHandle: 't' };
  }
  return { sourceHandle: 'b', targetHandle: 't' };
}

/**
 * React Flow's nodes and edges, derived from the compiled document and the blocks' positions
 * (docs/design.md §1), all unselected (flowElements.ts marks the selection). Unchanged nodes and
 * edges keep their object identity, so React Flow skips them.
 */
export function buildFlowGraph(
  document: Orchestration,
  views: GraphViews,
  positions: Readonly<Record<string, XY>>,
  previous?: FlowGraph,
): FlowGraph {
  const { plan } = views;
  const stepById = new Map(plan.steps.map((s) => [s.id, s]));
  const layouts = new Map<string, BlockLayout>();
  for (const stage of plan.stages) {
    const model = document.stages[stage.index];
    if (!model) continue;
    const steps = stage.steps.map((id) => stepById.get(id)).filter((s): s is PlanStep => !!s);
    layouts.set(stage.id, blockLayout(stage, steps, model));
  }
  const defaults = defaultBlockPositions(plan, layouts);

  const oldNodes = new Map((previous?.nodes ?? []).map((n) => [n.id, n]));
  const previousIfSame = (node: FlowNode): FlowNode => {
    const old = oldNodes.get(node.id);
    return old && sameNode(old, node) ? old : node;
  };

  // The handles each step's edges use: a node renders only those (fewer elements to paint and hit-test).
  const itemOf = new Map<string, LayoutItem>();
  for (const layout of layouts.values()) for (const item of layout.items) itemOf.set(item.id, item);
  const handleUse = new Map<string, Set<string>>();
  const addHandle = (id: string, handle: string) => {
    const set = handleUse.get(id);
    if (set) set.add(handle);
    else handleUse.set(id, new Set([handle]));
  };
  const stepHandles = new Map<string, { sourceHandle: string; targetHandle: string }>();
  for (const edge of plan.edges) {
    if (edge.kind === 'stage') continue;
    const handles = handlesFor(itemOf.get(edge.from), itemOf.get(edge.to));
    stepHandles.set(`${edge.from}->${edge.to}`, handles);
    addHandle(edge.from, handles.sourceHandle);
    addHandle(edge.to, handles.targetHandle);
  }
  const handlesOf = (id: string) => [...(handleUse.get(id) ?? [])].sort().join('');

  const blocks = new Map<string, PlacedBlock>();
  const nodes: FlowNode[] = [];
  const children: FlowNode[] = [];
  const seen = new Set<string>();
  for (const stage of plan.stages) {
    const layout = layouts.get(stage.id);
    if (!layout || seen.has(stage.id)) continue; // a duplicate stage id is an error the YAML tab shows
    seen.add(stage.id);
    const position = positions[stage.id] ?? defaults.get(stage.id) ?? { x: 0, y: 0 };
    blocks.set(stage.id, { ...layout, stageId: stage.id, position });
    const parentId = blockNodeId(stage.id);
    nodes.push(
      previousIfSame({
        id: parentId,
        type: 'stage',
        position,
        width: layout.width,
        height: layout.height,
        data: { stageId: stage.id, pattern: stage.pattern },
        selected: false,
        draggable: true,
        dragHandle: '.block-drag',
        zIndex: 0,
      }),
    );
    for (const item of layout.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      const base = {
        id: item.id,
        parentId,
        position: { x: item.x, y: item.y },
        width: item.w,
        height: item.h,
        extent: 'parent' as const,
      };
      if (item.kind === 'slot' && item.slot) {
        children.push(
          previousIfSame({
            ...base,
            type: 'slot',
            data: { stageId: stage.id, add: item.slot.add, label: item.slot.label },
            selectable: false,
            draggable: false,
            focusable: false,
          }),
        );
      } else {
        const step = stepById.get(item.id);
        children.push(
          previousIfSame({
            ...base,
            type: item.kind === 'bar' ? 'bar' : 'step',
            data: { stageId: stage.id, handles: handlesOf(item.id) },
            selected: false,
            draggable: item.kind === 'step' && !!step && REORDERABLE.has(step.role),
          }),
        );
      }
    }
  }
  nodes.push(...children);

  const oldEdges = new Map((previous?.edges ?? []).map((e) => [e.id, e]));
  const edges: FlowEdge[] = [];
  const edgeIds = new Set<string>();
  for (const edge of plan.edges) {
    const id = `${edge.from}->${edge.to}`;
    if (edgeIds.has(id)) continue;
    edgeIds.add(id);
    const critical = views.criticalEdges.has(id);
    let next: FlowEdge;
    if (edge.kind === 'stage') {
      if (!blocks.has(edge.from) || !blocks.has(edge.to)) continue;
      const implicit = !views.stages[edge.to]?.explicitNeeds;
      next = {
        id,
        source: blockNodeId(edge.from),
        target: blockNodeId(edge.to),
        sourceHandle: 'out',
        targetHandle: 'in',
        type: 'needs',
        className: classNames('needs-edge', implicit && 'is-implicit', critical && 'is-critical'),
        data: { kind: 'stage', implicit, critical },
        zIndex: 0,
      };
    } else {
      if (!seen.has(edge.from) || !seen.has(edge.to)) continue;
      next = {
        id,
        source: edge.from,
        target: edge.to,
        ...(stepHandles.get(id) ?? { sourceHandle: 'b', targetHandle: 't' }),
        type: 'step',
        className: classNames(
          'step-edge',
          edge.kind === 'handoff' && 'is-handoff',
          critical && 'is-critical',
        ),
        data: { kind: edge.kind, critical },
        selectable: false,
        focusable: false,
        deletable: false,
        interactionWidth: 0,
        zIndex: 1,
      };
    }
    const old = oldEdges.get(id);
    edges.push(old && sameEdge(old, next) ? old : next);
  }
  return { nodes, edges, blocks };
}
