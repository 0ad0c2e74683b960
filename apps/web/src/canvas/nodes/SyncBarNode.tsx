import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useStepStatus } from '../../run/useRunStatusStore';
import { useDocumentStore } from '../../store/useDocumentStore';
import type { SyncBarFlowNode } from '../flowTypes';
import { useIsDropTarget } from '../useDropTargetStore';

/** A sync point: a barrier across the parallel lanes, with its own agent when it has one. */
function SyncBarNodeView({ id, selected }: NodeProps<SyncBarFlowNode>) {
  const view = useDocumentStore((s) => s.views.steps[id]);
  const status = useStepStatus(id);
  const dropping = useIsDropTarget(id);
  if (!view) return null;
  return (
    <div
      className={`sync-bar status-${status}${selected ? ' is-selected' : ''}${dropping ? ' is-drop-target' : ''}${view.critical ? ' is-critical' : ''}${view.errors ? ' has-error' : ''}`}
      data-step-id={id}
      data-status={status}
      data-stage={view.stageId}
      data-role="sync"
      title={view.firstIssue ?? 'A sync point: everything above finishes before anything below starts'}
    >
      <Handle type="target" position={Position.Top} id="t" isConnectable={false} />
      <span className="sync-mark">⟂ Sync {view.index + 1}</span>
      <span className="sync-name">{view.label}</span>
      <span className="sync-agent">
        {view.agent ? view.agent : 'barrier · drop an agent to run a step here'}
      </span>
      <Handle type="source" position={Position.Bottom} id="b" isConnectable={false} />
    </div>
  );
}

export const SyncBarNode = memo(SyncBarNodeView);
