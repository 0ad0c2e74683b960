import { formatDuration, type StepInterval } from '@baton/core';

const time = (ts: string) => new Date(ts).toLocaleTimeString();

/** Every attempt of a step: when it started and ended, who ran it, and why it failed. */
export function AttemptList({ attempts }: { attempts: readonly StepInterval[] }) {
  if (!attempts.length) return <p className="drawer-empty">Not started.</p>;
  return (
    <ol className="attempt-list" data-testid="step-attempts">
      {attempts.map((a) => (
        <li
          key={`${a.attempt}:${a.startTs}`}
          className={`attempt attempt-${a.status}`}
          data-status={a.status}
        >
          <span className="attempt-head">
            Attempt {a.attempt} · <b>{a.status}</b>
            {a.agent ? ` · ${a.agent}` : ''}
          </span>
          <span className="attempt-times">
            {time(a.startTs)}
            {a.endTs
              ? ` → ${time(a.endTs)} (${formatDuration(Date.parse(a.endTs) - Date.parse(a.startTs))})`
              : ' → …'}
          </span>
          {a.error ? <span className="attempt-error">{a.error}</span> : null}
        </li>
      ))}
    </ol>
  );
}
