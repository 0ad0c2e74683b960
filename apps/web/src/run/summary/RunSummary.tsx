import { formatDuration } from '@baton/core';
import { useNavigate } from 'react-router';
import { artifactUrl } from '../../api/client';
import { useRunStore } from '../../runState/useRunStore';
import { useRunUiStore } from '../../runState/useRunUiStore';
import type { GraphViews } from '../../store/graphViews';
import { useRunActions } from '../commands/RunActionsContext';
import { retryRun } from '../commands/runCommands';

const OUTCOME = { succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled' } as const;

/** When the run has ended: its outcome, its time against the estimate, what failed and why. */
export function RunSummary({ views }: { views: GraphViews }) {
  const navigate = useNavigate();
  const { ensureSaved } = useRunActions();
  const state = useRunStore((s) => s.state);
  const runId = useRunStore((s) => s.runId);
  const detail = useRunStore((s) => s.detail);
  const status = state.status;
  if (!runId || (status !== 'succeeded' && status !== 'failed' && status !== 'cancelled')) return null;
  const took =
    state.startedAt && state.finishedAt ? Date.parse(state.finishedAt) - Date.parse(state.startedAt) : null;
  const expected = views.estimate.makespanMs / (detail?.speed && detail.speed > 0 ? detail.speed : 1);
  const failed = Object.entries(state.steps).filter(([, s]) => s.status === 'failed');
  const reused = Object.values(state.steps).filter((s) => s.status === 'reused').length;
  const hasSummary = state.artifacts.some((a) => a.name === 'summary.md');
  const dryRun = detail?.id === runId && detail.simulate === true;
  return (
    <section
      className={`run-summary outcome-${status}`}
      data-testid="run-summary"
      data-status={status}
      data-simulate={dryRun ? 'true' : undefined}
    >
      <h3 className="run-summary-title">
        {OUTCOME[status]}
        {dryRun ? <span className="run-dry-run">dry run</span> : null}
      </h3>
      <dl className="facts">
        {dryRun ? (
          <>
            <dt>Agents</dt>
            <dd>all simulated (dry run): nothing real ran</dd>
          </>
        ) : null}
        <dt>Took</dt>
        <dd data-testid="run-duration">
          {took === null ? '—' : formatDuration(took)} · estimate {formatDuration(Math.round(expected))}
        </dd>
        {reused ? (
          <>
            <dt>Reused</dt>
            <dd>
              {reused} step{reused === 1 ? '' : 's'} from the earlier run
            </dd>
          </>
        ) : null}
      </dl>
      {state.error ? <p className="run-summary-error">{state.error}</p> : null}
      {failed.length ? (
        <ul className="run-summary-failed" data-testid="run-failed-steps">
          {failed.map(([id, s]) => (
            <li key={id}>
              <button
                type="button"
                className="link-button"
                onClick={() => useRunUiStore.getState().openDrawer(id)}
                data-step-id={id}
              >
                <code>{id}</code>
              </button>
              {s.error ? <span className="run-summary-step-error"> — {s.error}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="run-summary-actions">
        {hasSummary ? (
          <a
            className="btn btn-small"
            href={artifactUrl(runId, 'summary.md')}
            target="_blank"
            rel="noreferrer"
          >
            summary.md
          </a>
        ) : null}
        {status !== 'succeeded' && detail?.orchestrationId ? (
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => void retryRun(runId, ensureSaved, navigate)}
            title="Run the current version again, reusing every unchanged step that succeeded"
            data-testid="retry"
          >
            ↻ Retry
          </button>
        ) : null}
      </div>
    </section>
  );
}
