import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { classNames } from '../../shared/classNames';
import type { SlotFlowNode } from '../flowTypes';
import { useIsDropTarget } from '../useDropTargetStore';
import { sameNodeProps } from './sameNodeProps';

/** A "+" place in a block: where a dropped agent adds a task, reviewer, phase, validator or branch. */
function SlotNodeView({ id, data }: NodeProps<SlotFlowNode>) {
  const dropping = useIsDropTarget(id);
  return (
    <div
      className={classNames('drop-slot', `slot-${data.add.kind}`, dropping && 'is-drop-target')}
      data-slot={id}
      data-slot-stage={data.stageId}
      data-testid={id.replace(/:/g, '-')}
    >
      <span className="slot-plus">+</span>
      <span className="slot-label">{data.label}</span>
    </div>
  );
}

export const SlotNode = memo(SlotNodeView, sameNodeProps);
