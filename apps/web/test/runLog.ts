import type { RunEvent } from '@baton/core';

/**
 * A run log as the engine writes one: the conditional-branching example, its analyzer retried
 * once, choosing the first branch; the second branch skipped. `seq` from 1, one second apart.
 */
export function conditionalRunLog(runId = 'r1'): RunEvent[] {
  const raw: Omit<RunEvent, 'seq' | 'runId' | 'ts'>[] = [
    { type: 'run.queued' },
    { type: 'run.started' },
    { type: 'stage.started', stageId: 'quality' },
    { type: 'step.queued', stageId: 'quality', stepId: 'quality.analyzer' },
    {
      type: 'step.started',
      stageId: 'quality',
      stepId: 'quality.analyzer',
      attempt: 1,
      data: { agent: 'architecture-guardian' },
    },
    {
      type: 'step.log',
      stageId: 'quality',
      stepId: 'quality.analyzer',
      attempt: 1,
      data: { stream: 'stdout', line: 'looking' },
    },
    {
      type: 'step.retrying',
      stageId: 'quality',
      stepId: 'quality.analyzer',
      attempt: 1,
      data: { error: 'flaky', delayMs: 10 },
    },
    {
      type: 'step.started',
      stageId: 'quality',
      stepId: 'quality.analyzer',
      attempt: 2,
      data: { agent: 'architecture-guardian' },
    },
    {
      type: 'step.succeeded',
      stageId: 'quality',
      stepId: 'quality.analyzer',
      attempt: 2,
      data: {
        summary: 'high',
        durationMs: 1000,
        result: {
          status: 'succeeded',
          output: '# Found\n\n<script>x()</script> complex',
          condition: 'high_complexity',
        },
      },
    },
    {
      type: 'branch.selected',
      stageId: 'quality',
      data: { condition: 'high_complexity', stepId: 'quality.branch.0' },
    },
    {
      type: 'step.skipped',
      stageId: 'quality',
      stepId: 'quality.branch.1',
      data: { reason: 'branch not taken' },
    },
    { type: 'step.queued', stageId: 'quality', stepId: 'quality.branch.0' },
    {
      type: 'step.started',
      stageId: 'quality',
      stepId: 'quality.branch.0',
      attempt: 1,
      data: { agent: 'codebase-cleaner' },
    },
    {
      type: 'step.succeeded',
      stageId: 'quality',
      stepId: 'quality.branch.0',
      attempt: 1,
      data: { summary: 'done', durationMs: 1000, result: { status: 'succeeded', output: 'cleaned' } },
    },
    { type: 'stage.succeeded', stageId: 'quality' },
    { type: 'run.succeeded' },
  ];
  const t0 = Date.parse('2026-12-01T10:00:00.000Z');
  return raw.map(
    (e, i) => ({ ...e, seq: i + 1, runId, ts: new Date(t0 + i * 1000).toISOString() }) as RunEvent,
  );
}
