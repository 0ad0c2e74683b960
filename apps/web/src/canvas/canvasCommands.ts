import type { PatternName } from '@baton/core';
import type { EdgeChange, Node, NodeChange } from '@xyflow/react';
import type { XY } from '../shared/geometry';
import type { Selection } from '../store/useSelectionStore';
import type { DropTarget } from './dropTarget';
import type { FlowEdge, FlowNode } from './flowTypes';

/**
 * What the canvas asks of the editor: the editor's commands (editor/editorCommands.ts), handed
 * in by the editor page, so the canvas does not import the editor that draws it.
 */
export interface CanvasCommands {
  select(selection: Selection): void;
  /** React Flow's changes: drags, measurements and clicks. */
  nodesChanged(changes: NodeChange<FlowNode>[]): void;
  edgesChanged(changes: EdgeChange<FlowEdge>[]): void;
  reorderOnDrop(node: Node): void;
  dropPattern(pattern: PatternName, at: XY): string;
  dropAgent(agent: string, target: DropTarget, at: XY): string | null;
}
