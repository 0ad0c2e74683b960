import { formatDuration } from '@baton/core';
import { Panel } from '@xyflow/react';
import { memo } from 'react';
import { useDocumentStore } from '../store/useDocumentStore';

/** The plan's estimate on the canvas: expected makespan and the critical path (emphasised edges). */
function EstimatePanelView() {
  const makespan = useDocumentStore((s) => s.views.estimate.makespanMs);
  const pathLength = useDocumentStore((s) => s.views.estimate.criticalPath.length);
  const pathMs = useDocumentStore((s) => s.views.estimate.criticalPathMs);
  const steps = useDocumentStore((s) => s.views.plan.steps.length);
  const stages = useDocumentStore((s) => s.views.plan.stages.length);
  if (!steps) return null;
  return (
    <Panel position="top-left" className="estimate-panel" data-testid="estimate">
      <span
        className="estimate-item"
        title="Expected wall time under the concurrency limits (simulated agents' durations)"
      >
        <span className="estimate-label">Estimated</span>
        <b data-testid="estimate-makespan">{formatDuration(makespan)}</b>
      </span>
      <span className="estimate-item" title="The longest chain of dependent steps, emphasised on the canvas">
        <span className="estimate-swatch" aria-hidden="true" />
        <span className="estimate-label">Critical path</span>
        <b data-testid="estimate-critical">
          {pathLength} step{pathLength === 1 ? '' : 's'} · {formatDuration(pathMs)}
        </b>
      </span>
      <span className="estimate-item estimate-counts">
        {stages} stage{stages === 1 ? '' : 's'} · {steps} step{steps === 1 ? '' : 's'}
      </span>
    </Panel>
  );
}

/** Memoised: the canvas re-renders on every frame of a drag; the estimate does not change then. */
export const EstimatePanel = memo(EstimatePanelView);
