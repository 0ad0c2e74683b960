import type { Node } from '@xyflow/react';
import { moveStep } from '../model/stepEdits';
import { refOfStepId } from '../model/stepRef';
import { useDocumentStore } from '../store/useDocumentStore';
import { useCanvasStore } from './useCanvasStore';

/**
 * A step dragged inside its block and let go: it takes the place of the sibling (same role)
 * nearest to where it was dropped; the layout then puts every step back on its slot.
 */
export function reorderOnDrop(node: Node) {
  const { views, edit } = useDocumentStore.getState();
  const canvas = useCanvasStore.getState();
  const view = views.steps[node.id];
  const ref = refOfStepId(views.plan, node.id);
  const block = view ? canvas.graph.blocks.get(view.stageId) : undefined;
  if (!view || !ref || !block) {
    canvas.rebuild();
    return;
  }
  const role = view.role === 'validator' ? 'phase' : view.role;
  const centre = { x: node.position.x + (node.width ?? 0) / 2, y: node.position.y + (node.height ?? 0) / 2 };
  let best: { index: number; distance: number } | null = null;
  for (const item of block.items) {
    const sibling = views.steps[item.id];
    if (!sibling || sibling.role !== role) continue;
    const distance = Math.hypot(item.x + item.w / 2 - centre.x, item.y + item.h / 2 - centre.y);
    if (!best || distance < best.distance) best = { index: sibling.index, distance };
  }
  if (best && best.index !== ref.index) edit((doc) => moveStep(doc, ref, best.index));
  else canvas.rebuild();
}
