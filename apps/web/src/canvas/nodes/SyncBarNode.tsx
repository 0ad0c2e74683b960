import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useStepStatus } from '../../run/runSelectors';
import { useRunUiStore } from '../../run/useRunUiStore';
import type { SyncBarFlowNode } from '../flowTypes';
import { useShownViews } from '../useCanvasStore';
import { useIsDropTarget } from '../useDropTargetStore';
import { StepHandles } from './StepHandles';

/** A sync point: a barrier across the parallel lanes, with its own agent when it has one. */
function SyncBarNodeView({ id, data, selected }: NodeProps<SyncBarFlowNode>) {
  const view = useShownViews((v) => v.steps[id]);
  const status = useStepStatus(id);
  const hovered = useRunUiStore((s) => s.hovered === id);
  const dropping = useIsDropTarget(id);
  if (!view) return null;
  return (
    <div
      className={`sync-bar status-${status}${selected ? ' is-selected' : ''}${dropping ? ' is-drop-target' : ''}${view.critical ? ' is-critical' : ''}${view.errors ? ' has-error' : ''}${hovered ? ' is-hovered' : ''}`}
      data-step-id={id}
      data-status={status}
      data-stage={view.stageId}
      data-role="sync"
      title={view.firstIssue ?? 'A sync point: everything above finishes before anything below starts'}
    >
      <StepHandles handles={data.handles} />
      <span className="sync-mark">⟂ Sync {view.index + 1}</span>
      <span className="sync-name">{view.label}</span>
      <span className="sync-agent">
        {view.agent ? view.agent : 'barrier · drop an agent to run a step here'}
      </span>
    </div>
  );
}

/**
 * Memoised on what the node shows: React Flow hands a node its absolute position on every frame
 * of a drag, which this node does not draw, so a moving block does not re-render its contents.
 */
export const SyncBarNode = memo(
  SyncBarNodeView,
  (a, b) => a.id === b.id && a.data === b.data && a.selected === b.selected,
);
