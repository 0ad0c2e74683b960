import { formatDuration } from '@baton/core';
import { useDocumentStore } from '../store/useDocumentStore';

/** The Run tab: the estimate a run will be compared with (the live view comes with runs). */
export function RunTab() {
  const estimate = useDocumentStore((s) => s.views.estimate);
  const steps = useDocumentStore((s) => s.views.plan.steps.length);
  return (
    <div className="run-tab" data-testid="run-tab">
      <h3 className="panel-heading">Before a run</h3>
      {steps ? (
        <dl className="facts">
          <dt>Expected makespan</dt>
          <dd>{formatDuration(estimate.makespanMs)}</dd>
          <dt>Critical path</dt>
          <dd>
            {estimate.criticalPath.length} steps · {formatDuration(estimate.criticalPathMs)}
          </dd>
          <dt>Total work</dt>
          <dd>{formatDuration(estimate.totalWorkMs)}</dd>
        </dl>
      ) : (
        <p className="inspector-empty-note">Add a pattern block to see what a run would take.</p>
      )}
      <p className="inspector-empty-note">
        Durations come from each agent’s runtime (simulated agents say how long they take). Live runs — nodes
        lighting up as steps start, finish, fail or are skipped — appear here once a run is started.
      </p>
    </div>
  );
}
