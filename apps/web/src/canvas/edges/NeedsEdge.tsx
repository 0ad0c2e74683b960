import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../flowTypes';

/** A `needs` edge between blocks: solid when the file says it, dashed when it is the default order. */
function NeedsEdgeView(props: EdgeProps<FlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const implicit = props.data?.implicit;
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} interactionWidth={18} />
      {props.selected ? (
        <EdgeLabelRenderer>
          <div
            className="edge-hint"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {implicit ? 'runs after (default order)' : 'needs'} · Delete to remove
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const NeedsEdge = memo(NeedsEdgeView);
