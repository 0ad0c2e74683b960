import type { Estimate, Plan, StepInterval } from '@baton/core';

export interface TimelineBar {
  key: string;
  stepId: string;
  attempt: number;
  status: StepInterval['status'];
  /** Offsets from the run's start, in ms; `endMs` null while the attempt runs. */
  startMs: number;
  endMs: number | null;
  error?: string;
  /** The queue worker that ran the attempt, and whether the attempt was lost with it. */
  worker?: string;
  interrupted?: true;
}

export interface TimelineRow {
  stepId: string;
  label: string;
  bars: TimelineBar[];
  /** Where the estimate expected the step (divided by the run's speed). */
  expected: { startMs: number; endMs: number } | null;
}

export interface TimelineGroup {
  stageId: string;
  title: string;
  rows: TimelineRow[];
}

/**
 * The timeline's rows: one per step that ran (a bar per attempt), grouped by stage in plan
 * order, each beside where the estimate expected it. Pure: the component only draws it.
 */
export function timelineRows(
  plan: Plan,
  intervals: readonly StepInterval[],
  estimate: Estimate,
  speed: number,
  runStartMs: number,
): TimelineGroup[] {
  const bars = new Map<string, TimelineBar[]>();
  for (const interval of intervals) {
    const bar: TimelineBar = {
      key: `${interval.stepId}#${interval.attempt}:${interval.startTs}`,
      stepId: interval.stepId,
      attempt: interval.attempt,
      status: interval.status,
      startMs: Date.parse(interval.startTs) - runStartMs,
      endMs: interval.endTs ? Date.parse(interval.endTs) - runStartMs : null,
      ...(interval.error ? { error: interval.error } : {}),
      ...(interval.worker ? { worker: interval.worker } : {}),
      ...(interval.interrupted ? { interrupted: true } : {}),
    };
    const list = bars.get(interval.stepId);
    if (list) list.push(bar);
    else bars.set(interval.stepId, [bar]);
  }
  const scale = speed > 0 ? speed : 1;
  const stepById = new Map(plan.steps.map((s) => [s.id, s]));
  const groups: TimelineGroup[] = [];
  for (const stage of plan.stages) {
    const rows: TimelineRow[] = [];
    for (const id of stage.steps) {
      const mine = bars.get(id);
      if (!mine) continue;
      const step = stepById.get(id);
      const expected = estimate.schedule[id];
      rows.push({
        stepId: id,
        label: step?.agent ?? step?.label ?? id,
        bars: mine,
        expected: expected ? { startMs: expected.startMs / scale, endMs: expected.endMs / scale } : null,
      });
    }
    if (rows.length) groups.push({ stageId: stage.id, title: stage.name || stage.id, rows });
  }
  return groups;
}
