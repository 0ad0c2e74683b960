import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useStageStatus } from '../../runState/runSelectors';
import { useRunStore } from '../../runState/useRunStore';
import { classNames } from '../../shared/classNames';
import { PatternGlyph } from '../../shared/patterns/PatternGlyph';
import { useShownViews } from '../../store/useCanvasStore';
import type { StageBlockNode } from '../flowTypes';
import { useIsDropTarget } from '../useDropTargetStore';
import { sameNodeProps } from './sameNodeProps';

/** A pattern block: one stage, a group node holding its steps; its handles connect `needs`. */
function StageBlockView({ id, data, selected }: NodeProps<StageBlockNode>) {
  const view = useShownViews((v) => v.stages[data.stageId]);
  const status = useStageStatus(data.stageId);
  const error = useRunStore((s) => s.state.stages[data.stageId]?.error);
  const dropping = useIsDropTarget(id);
  if (!view) return null;
  return (
    <div
      className={classNames(
        'stage-block',
        `pattern-${view.pattern}`,
        `stage-${status}`,
        selected && 'is-selected',
        dropping && 'is-drop-target',
        view.errors > 0 && 'has-error',
      )}
      data-stage-id={view.id}
      data-pattern={view.pattern}
      data-status={status}
    >
      <Handle
        type="target"
        position={Position.Top}
        id="in"
        className="needs-handle"
        title="Drop a connection here: this stage needs that one"
      />
      <header className="block-drag block-header">
        <PatternGlyph pattern={view.pattern} size={22} />
        <div className="block-titles">
          <div className="block-title">{view.name ?? view.title}</div>
          <div className="block-subtitle">
            {view.name ? `${view.title} · ` : ''}
            <code>{view.id}</code>
          </div>
        </div>
        {status === 'idle' ? (
          <div className="block-meta">
            {view.stepCount} step{view.stepCount === 1 ? '' : 's'}
            {view.maxConcurrent ? ` · ≤${view.maxConcurrent} at once` : ''}
          </div>
        ) : (
          <div className={`block-run stage-status-${status}`} title={error ?? status}>
            {status}
          </div>
        )}
      </header>
      {status === 'idle' && view.firstIssue ? (
        <div className={`block-issue ${view.errors ? 'is-error' : 'is-warning'}`} title={view.firstIssue}>
          {view.firstIssue}
        </div>
      ) : null}
      <Handle
        type="source"
        position={Position.Bottom}
        id="out"
        className="needs-handle"
        title="Drag to another block: it will run after this one"
      />
    </div>
  );
}

export const StageBlock = memo(StageBlockView, sameNodeProps);
