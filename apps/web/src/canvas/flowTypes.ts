import type { AddSlot, PatternName } from '@baton/core';
import type { Edge, Node } from '@xyflow/react';

/** The node types of the canvas: a block per stage, step nodes, sync bars and drop slots. */
export type StageBlockNode = Node<{ stageId: string; pattern: PatternName }, 'stage'>;
/** `handles`: the handle ids its edges use (of t, b, l, r): a node draws only those. */
export type StepFlowNode = Node<{ stageId: string; handles: string }, 'step'>;
export type SyncBarFlowNode = Node<{ stageId: string; handles: string }, 'bar'>;
export type SlotFlowNode = Node<{ stageId: string; add: AddSlot; label: string }, 'slot'>;
export type FlowNode = StageBlockNode | StepFlowNode | SyncBarFlowNode | SlotFlowNode;

export interface FlowEdgeData extends Record<string, unknown> {
  kind: 'step' | 'handoff' | 'stage';
  /** A stage edge the file does not write: the stage runs after the previous one by default. */
  implicit?: boolean;
  critical?: boolean;
}
export type FlowEdge = Edge<FlowEdgeData>;

// The node ids are a leaf's (the YAML tab names nodes too); the canvas's own files take them here.
export { blockNodeId, stageIdOfBlock } from '../shared/canvasNodeIds';
