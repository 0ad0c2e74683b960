import { useRunStore } from '../runState/useRunStore';

const CONNECTION_TEXT = {
  idle: '',
  connecting: 'connecting…',
  live: 'live',
  interrupted: 'live updates interrupted — reconnecting…',
  ended: '',
} as const;

/**
 * Above a shown run: which run it is, whether its updates are live, and — when the document was
 * edited since that run's YAML — that the canvas shows the run's plan, with the way back.
 */
export function RunBanner({
  changedSince,
  unreadable,
  onBack,
}: {
  changedSince: boolean;
  unreadable: string | null;
  onBack(): void;
}) {
  const runId = useRunStore((s) => s.runId);
  const connection = useRunStore((s) => s.connection);
  const problem = useRunStore((s) => s.problem);
  const createdAt = useRunStore((s) => s.detail?.createdAt);
  const dryRun = useRunStore((s) => s.detail?.id === s.runId && s.detail?.simulate === true);
  if (!runId) return null;
  return (
    <div
      className={`banner run-banner connection-${connection}`}
      role="status"
      data-testid="run-banner"
      data-simulate={dryRun ? 'true' : undefined}
    >
      <span className="run-banner-title">
        {dryRun ? 'Dry run' : 'Run'} <code>{runId.slice(0, 8)}</code>
        {createdAt ? ` · ${new Date(createdAt).toLocaleString()}` : ''} · read-only
        {dryRun ? (
          <span
            className="run-dry-run"
            title="Every agent ran as its simulated stand-in"
            data-testid="run-dry-run"
          >
            dry run · every agent simulated
          </span>
        ) : null}
      </span>
      <span
        className={`connection connection-${connection}`}
        data-testid="connection"
        data-state={connection}
      >
        {CONNECTION_TEXT[connection]}
      </span>
      {unreadable ? (
        <span className="run-banner-note">The run’s file cannot be drawn: {unreadable}</span>
      ) : null}
      {changedSince && !unreadable ? (
        <span className="run-banner-note" data-testid="run-changed">
          The document has changed since this run: the canvas shows the plan that ran.
        </span>
      ) : null}
      {problem ? (
        <span className="run-banner-note" data-testid="run-problem">
          {problem}
        </span>
      ) : null}
      <button type="button" className="btn btn-small" onClick={onBack} data-testid="back-to-editing">
        Back to editing
      </button>
    </div>
  );
}
