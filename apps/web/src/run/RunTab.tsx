import { formatDuration } from '@baton/core';
import { useRunStore } from '../runState/useRunStore';
import type { GraphViews } from '../store/graphViews';
import { RunHistory } from './RunHistory';
import { RunSummary } from './summary/RunSummary';

/**
 * The Run tab: before a run, the estimate it will be compared with; while one is shown, its
 * summary once it ends; and the orchestration's runs, any of which reopens.
 */
export function RunTab({ views, orchestrationId }: { views: GraphViews; orchestrationId: string | null }) {
  const runId = useRunStore((s) => s.runId);
  const status = useRunStore((s) => s.state.status);
  const { estimate } = views;
  const steps = views.plan.steps.length;
  return (
    <div className="run-tab" data-testid="run-tab">
      {runId ? (
        <>
          <h3 className="panel-heading">
            This run · <span data-testid="run-status">{status}</span>
          </h3>
          <RunSummary views={views} />
          <p className="inspector-empty-note">Click a step for its log, result and attempts.</p>
        </>
      ) : (
        <>
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
            Durations come from each agent’s runtime (simulated agents say how long they take; real agents are
            guessed). Press ▶ Run to watch the steps start, finish, fail or be skipped.
          </p>
        </>
      )}
      <h3 className="panel-heading">Runs</h3>
      <RunHistory orchestrationId={orchestrationId} shownRunId={runId} />
    </div>
  );
}
