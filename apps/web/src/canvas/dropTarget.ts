import type { AddSlot } from '@baton/core';
import { type FlowNode, stageIdOfBlock } from './flowTypes';

/** What is under the pointer when something is dropped on the canvas. */
export type DropTarget =
  | { kind: 'step'; key: string; stepId: string }
  | { kind: 'slot'; key: string; stageId: string; add: AddSlot }
  | { kind: 'block'; key: string; stageId: string }
  | { kind: 'pane'; key: null };

/** Read the target from the element under the pointer: the topmost step, slot or block. */
export function dropTargetAt(element: Element | null, nodes: readonly FlowNode[]): DropTarget {
  const hit = element?.closest('[data-step-id], [data-slot], .react-flow__node-stage');
  if (!hit) return { kind: 'pane', key: null };
  const stepId = hit.getAttribute('data-step-id');
  if (stepId) return { kind: 'step', key: stepId, stepId };
  const slotId = hit.getAttribute('data-slot');
  if (slotId) {
    const node = nodes.find((n) => n.id === slotId);
    if (node?.type === 'slot')
      return { kind: 'slot', key: slotId, stageId: node.data.stageId, add: node.data.add };
  }
  const blockId = hit.getAttribute('data-id');
  const stageId = blockId ? stageIdOfBlock(blockId) : null;
  if (blockId && stageId) return { kind: 'block', key: blockId, stageId };
  return { kind: 'pane', key: null };
}
