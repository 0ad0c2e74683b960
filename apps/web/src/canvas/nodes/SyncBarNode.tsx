import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useStepStatus } from '../../runState/runSelectors';
import { useRunUiStore } from '../../runState/useRunUiStore';
import { classNames } from '../../shared/classNames';
import { useShownViews } from '../../store/useCanvasStore';
import type { SyncBarFlowNode } from '../flowTypes';
import { useIsDropTarget } from '../useDropTargetStore';
import { StepHandles } from './StepHandles';
import { sameNodeProps } from './sameNodeProps';

/** A sync point: a barrier across the parallel lanes, with its own agent when it has one. */
function SyncBarNodeView({ id, data, selected }: NodeProps<SyncBarFlowNode>) {
  const view = useShownViews((v) => v.steps[id]);
  const status = useStepStatus(id);
  const hovered = useRunUiStore((s) => s.hovered === id);
  const dropping = useIsDropTarget(id);
  if (!view) return null;
  return (
    <div
      className={classNames(
        'sync-bar',
        `status-${status}`,
        selected && 'is-selected',
        dropping && 'is-drop-target',
        view.critical && 'is-critical',
        view.errors > 0 && 'has-error',
        hovered && 'is-hovered',
      )}
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

export const SyncBarNode = memo(SyncBarNodeView, sameNodeProps);
