import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { SlotFlowNode } from '../flowTypes';
import { useIsDropTarget } from '../useDropTargetStore';

/** A "+" place in a block: where a dropped agent adds a task, reviewer, phase, validator or branch. */
function SlotNodeView({ id, data }: NodeProps<SlotFlowNode>) {
  const dropping = useIsDropTarget(id);
  return (
    <div
      className={`drop-slot slot-${data.add.kind}${dropping ? ' is-drop-target' : ''}`}
      data-slot={id}
      data-slot-stage={data.stageId}
      data-testid={id.replace(/:/g, '-')}
    >
      <span className="slot-plus">+</span>
      <span className="slot-label">{data.label}</span>
    </div>
  );
}

/**
 * Memoised on what the node shows: React Flow hands a node its absolute position on every frame
 * of a drag, which this node does not draw, so a moving block does not re-render its contents.
 */
export const SlotNode = memo(SlotNodeView, (a, b) => a.id === b.id && a.data === b.data);
