import { formatDuration } from '@baton/core';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import {
  useBranchTaken,
  useRunShown,
  useStepRun,
  useStepSimulated,
  useStepStatus,
} from '../../runState/runSelectors';
import { useRunUiStore } from '../../runState/useRunUiStore';
import { classNames } from '../../shared/classNames';
import { EMPTY_SLOT_HINT, ROLE_LABEL } from '../../shared/stepRoles';
import { useShownViews } from '../../store/useCanvasStore';
import type { StepFlowNode } from '../flowTypes';
import { useIsDropTarget } from '../useDropTargetStore';
import { StepHandles } from './StepHandles';
import { StepRunBadge } from './StepRunBadge';
import { sameNodeProps } from './sameNodeProps';

/**
 * One step of the plan. It reads only its own view and status by id, so an edit or a run event
 * re-renders only the nodes it concerns.
 */
function StepNodeView({ id, data, selected, draggable }: NodeProps<StepFlowNode>) {
  const view = useShownViews((v) => v.steps[id]);
  const status = useStepStatus(id);
  const run = useStepRun(id);
  const inRun = useRunShown();
  // During a run, what the step's attempt ran as (a dry run simulates real agents); before, the catalog's.
  const simulated = useStepSimulated(id, view?.simulated ?? false);
  const chosen = useBranchTaken(view?.stageId ?? '', id);
  const hovered = useRunUiStore((s) => s.hovered === id);
  const opened = useRunUiStore((s) => s.drawerStepId === id);
  const dropping = useIsDropTarget(id);
  if (!view) return null;
  // Only branches are taken or not; the analyzer that chose stays as it ended.
  const taken = view.role === 'branch' ? chosen : null;
  const empty = view.agent === '';
  const caption =
    view.role === 'branch'
      ? `if ${view.condition}`
      : `${ROLE_LABEL[view.role]}${view.role === 'primary' || view.role === 'fanin' || view.role === 'analyzer' ? '' : ` ${view.index + 1}`}`;
  const detail = view.label && view.label !== view.agent && view.role !== 'branch' ? view.label : null;
  const className = classNames(
    'step-node',
    `role-${view.role}`,
    `status-${status}`,
    empty && 'is-empty',
    view.critical && 'is-critical',
    view.errors && !empty ? 'has-error' : view.warnings ? 'has-warning' : '',
    selected && 'is-selected',
    dropping && 'is-drop-target',
    draggable && 'is-reorderable',
    taken === true ? 'is-taken' : taken === false ? 'is-not-taken' : '',
    hovered && 'is-hovered',
    opened && 'is-opened',
  );
  return (
    <div
      className={className}
      data-step-id={id}
      data-status={status}
      data-stage={view.stageId}
      data-role={view.role}
      data-critical={view.critical ? 'true' : undefined}
      data-branch={taken === null ? undefined : taken ? 'taken' : 'not-taken'}
      data-simulated={simulated && !empty ? 'true' : undefined}
      title={inRun ? (run?.error ?? run?.summary ?? undefined) : (view.firstIssue ?? undefined)}
    >
      <StepHandles handles={data.handles} />
      <div className="step-caption">
        <span className="step-role">{caption}</span>
        {view.produces ? <span className="step-artifact">→ {view.produces}</span> : null}
        {view.checklistCount ? <span className="step-checklist">☑ {view.checklistCount}</span> : null}
        {view.expectedMs && !empty ? (
          <span className="step-duration">{formatDuration(view.expectedMs)}</span>
        ) : null}
        {view.critical ? <span className="step-critical" title="On the critical path" /> : null}
        {simulated && !inRun && !empty ? (
          <span
            className="step-sim-mark"
            role="img"
            aria-label="simulated agent"
            title="A simulated agent (no real runtime): a run stands it in"
          />
        ) : null}
        {view.errors && !empty ? (
          <span className="step-issue" role="img" aria-label="has errors">
            !
          </span>
        ) : null}
      </div>
      <div className="step-agent">{empty ? (EMPTY_SLOT_HINT[view.role] ?? 'Drop an agent') : view.agent}</div>
      {detail && !inRun ? <div className="step-detail">{detail}</div> : null}
      {inRun ? <StepRunBadge status={status} step={run} simulated={simulated} /> : null}
    </div>
  );
}

export const StepNode = memo(StepNodeView, sameNodeProps);
