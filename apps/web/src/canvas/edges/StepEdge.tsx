import { BaseEdge, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeFlowing } from '../../runState/runSelectors';
import type { FlowEdge } from '../flowTypes';

/**
 * An edge between two steps (a result or a handoff). It reads only the status of its two
 * ends: during a run it animates while the result it carries flows (source delivered, target
 * at work), so the React Flow edge array never changes for a run event.
 */
function StepEdgeView(props: EdgeProps<FlowEdge>) {
  const [path] = getSmoothStepPath(props);
  const flowing = useEdgeFlowing(props.source, props.target);
  return (
    <BaseEdge
      id={props.id}
      path={path}
      markerEnd={props.markerEnd}
      className={flowing ? 'is-flowing' : undefined}
      interactionWidth={0}
    />
  );
}

export const StepEdge = memo(StepEdgeView);
