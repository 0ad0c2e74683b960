import { formatDuration, type StepInterval } from '@baton/core';
import { classNames } from '../../shared/classNames';

const time = (ts: string) => new Date(ts).toLocaleTimeString();

/**
 * Every attempt of a step: when it started and ended, who ran it (the agent, and the queue
 * worker with the queue dispatcher), and why it failed — or that it was lost: its worker stopped
 * answering, and the step ran again without using a retry.
 */
export function AttemptList({ attempts }: { attempts: readonly StepInterval[] }) {
  if (!attempts.length) return <p className="drawer-empty">Not started.</p>;
  return (
    <ol className="attempt-list" data-testid="step-attempts">
      {attempts.map((a) => (
        <li
          key={`${a.attempt}:${a.startTs}`}
          className={classNames('attempt', `attempt-${a.status}`, a.interrupted && 'attempt-interrupted')}
          data-testid="step-attempt"
          data-attempt={a.attempt}
          data-status={a.status}
          {...(a.worker ? { 'data-worker': a.worker } : {})}
          {...(a.interrupted ? { 'data-interrupted': 'true' } : {})}
        >
          <span className="attempt-head">
            Attempt {a.attempt} · <b>{a.interrupted ? 'lost' : a.status}</b>
            {a.agent ? ` · ${a.agent}` : ''}
            {a.worker ? (
              <>
                {' · '}
                <span className="attempt-worker" data-testid="attempt-worker">
                  on worker <code>{a.worker}</code>
                </span>
              </>
            ) : null}
          </span>
          <span className="attempt-times">
            {time(a.startTs)}
            {a.endTs
              ? ` → ${time(a.endTs)} (${formatDuration(Date.parse(a.endTs) - Date.parse(a.startTs))})`
              : ' → …'}
          </span>
          {a.interrupted ? (
            <span className="attempt-lost" data-testid="attempt-lost">
              lost: {a.error ?? `worker ${a.worker ?? '(unknown)'} stopped answering`} — ran again
            </span>
          ) : a.error ? (
            <span className="attempt-error">{a.error}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
