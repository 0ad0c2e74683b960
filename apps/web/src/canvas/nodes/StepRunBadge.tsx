import type { StepState, StepStatus } from '@baton/core';
import { memo } from 'react';

const STATUS_LABEL: Record<StepStatus, string> = {
  idle: 'waiting',
  queued: 'queued',
  running: 'running',
  retrying: 'retrying',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
  reused: 'reused',
};

const VERDICT_LABEL = { approve: '✓ approved', changes_requested: '✎ changes requested' } as const;

/**
 * What a step node shows of its run: the status in words (colour is not the only sign), the
 * attempt when there was more than one, a reviewer's verdict and round, and *simulated* when the
 * step's attempt ran a simulated stand-in (its agent has no real runtime, or the run is a dry
 * run). Presentational: it takes props, the node subscribes.
 */
function StepRunBadgeView({
  status,
  step,
  simulated,
}: {
  status: StepStatus;
  step: StepState | undefined;
  simulated: boolean;
}) {
  const attempt = step && step.attempt > 1 ? step.attempt : null;
  const round = step?.round && step.round > 1 ? `round ${step.round}` : null;
  return (
    <div className="step-run">
      <span className={`run-status run-status-${status}`}>{STATUS_LABEL[status]}</span>
      {attempt ? (
        <span className="run-attempt" title={`attempt ${attempt}`}>
          #{attempt}
        </span>
      ) : null}
      {step?.verdict ? (
        <span className={`run-verdict verdict-${step.verdict}`}>
          {VERDICT_LABEL[step.verdict]}
          {round ? ` · ${round}` : ''}
        </span>
      ) : null}
      {simulated ? (
        <span className="run-simulated" title="A simulated stand-in ran for this agent, not the agent itself">
          simulated
        </span>
      ) : null}
    </div>
  );
}

export const StepRunBadge = memo(StepRunBadgeView);
