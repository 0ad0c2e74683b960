import { Link } from 'react-router';
import { useRuns } from '../api/queries';

/** The orchestration's runs, newest first: any reopens as it ended (or live, if it still runs). */
export function RunHistory({
  orchestrationId,
  shownRunId,
}: {
  orchestrationId: string | null;
  shownRunId: string | null;
}) {
  const { data, isLoading } = useRuns(orchestrationId);
  if (!orchestrationId)
    return <p className="inspector-empty-note">Runs are listed once the orchestration is saved.</p>;
  if (isLoading) return <p className="inspector-empty-note">Loading runs…</p>;
  const runs = data?.runs ?? [];
  if (!runs.length) return <p className="inspector-empty-note">No runs yet: press ▶ Run.</p>;
  return (
    <ul className="run-history" data-testid="run-history">
      {runs.map((run) => (
        <li key={run.id} className={run.id === shownRunId ? 'is-shown' : undefined}>
          <Link
            to={`/o/${encodeURIComponent(orchestrationId)}/runs/${encodeURIComponent(run.id)}`}
            data-testid="run-history-item"
            data-run-id={run.id}
          >
            <span className={`run-dot run-dot-${run.status}`} aria-hidden="true" />
            <span className="run-history-status">{run.status}</span>
            <span className="run-history-time">{new Date(run.createdAt).toLocaleString()}</span>
            {run.retryOf ? <span className="run-history-retry">retry</span> : null}
            {run.simulate === true ? <span className="run-history-retry">dry run</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
