/**
 * The step status a run event leads to, written out plainly for the benchmark: the bare page
 * applies it, and `bench/web` joins the editor's `data-status` changes with the events by it.
 * (The editor itself folds events with core's `reduceRun`; this is the same rule, flat.)
 */
export type BenchStepStatus =
  | 'queued'
  | 'running'
  | 'retrying'
  | 'succeeded'
  | 'reused'
  | 'failed'
  | 'skipped'
  | 'cancelled';

export interface BenchEvent {
  type: string;
  stepId?: string;
  data?: unknown;
}

const BY_TYPE: Record<string, BenchStepStatus> = {
  'step.queued': 'queued',
  'step.started': 'running',
  'step.retrying': 'retrying',
  'step.succeeded': 'succeeded',
  'step.failed': 'failed',
  'step.skipped': 'skipped',
  'step.cancelled': 'cancelled',
};

export function stepStatusOf(event: BenchEvent): BenchStepStatus | null {
  if (!event.stepId) return null;
  const status = BY_TYPE[event.type];
  if (status === 'succeeded' && (event.data as { reused?: unknown } | undefined)?.reused === true) {
    return 'reused';
  }
  return status ?? null;
}
