import type { NodeTypes } from '@xyflow/react';
import { NeedsEdge } from './edges/NeedsEdge';
import { StepEdge } from './edges/StepEdge';
import { SlotNode } from './nodes/SlotNode';
import { StageBlock } from './nodes/StageBlock';
import { StepNode } from './nodes/StepNode';
import { SyncBarNode } from './nodes/SyncBarNode';

/** Defined once, at module level: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = {
  stage: StageBlock,
  step: StepNode,
  bar: SyncBarNode,
  slot: SlotNode,
};

export const edgeTypes = { needs: NeedsEdge, step: StepEdge };
