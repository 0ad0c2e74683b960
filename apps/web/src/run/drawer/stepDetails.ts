import type { ReviewVerdictData, RunEvent, StepLogData, StepResult } from '@baton/core';

export interface StepDetails {
  logs: StepLogData[];
  /** The result of the step's last ended attempt. */
  result: StepResult | null;
  verdict: ReviewVerdictData | null;
  /** Why it was skipped or cancelled. */
  reason: string | null;
}

/**
 * What the drawer shows of one step, from the step's events up to the replay position (`upToSeq`):
 * its log lines, its last result and verdict. Pure, so the drawer at any position shows what
 * the events up to it say.
 */
export function stepDetails(events: readonly RunEvent[], upToSeq: number): StepDetails {
  const out: StepDetails = { logs: [], result: null, verdict: null, reason: null };
  for (const event of events) {
    if (event.seq > upToSeq) break;
    switch (event.type) {
      case 'step.log':
        if (event.data) out.logs.push(event.data);
        break;
      case 'step.started':
        out.reason = null;
        break;
      case 'step.succeeded':
      case 'step.failed':
        out.result = event.data?.result ?? null;
        break;
      case 'step.skipped':
      case 'step.cancelled':
        out.reason = event.data?.reason ?? event.data?.error ?? null;
        break;
      case 'review.verdict':
        out.verdict = event.data ?? null;
        break;
      default:
        break;
    }
  }
  return out;
}
