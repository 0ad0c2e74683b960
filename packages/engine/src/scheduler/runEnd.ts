import { isTerminalStepStatus, type Plan, reduceRun } from '@baton/core';
import type { EventRecorder } from '../events/eventRecorder.js';

/**
 * A run stopped by an error of the engine: what the log still shows open is closed, so that
 * no step or stage of a failed run looks as if it were still going. Steps that had started
 * are cancelled, the others skipped; running stages fail, pending ones are skipped.
 */
export function closeOpen(plan: Plan, recorder: EventRecorder, error: string): void {
  const state = reduceRun(recorder.events);
  for (const step of plan.steps) {
    const status = state.steps[step.id]?.status ?? 'idle';
    if (isTerminalStepStatus(status)) continue;
    const ids = { stageId: step.stageId, stepId: step.id };
    if (status === 'running' || status === 'retrying') {
      const attempt = state.steps[step.id]?.attempt;
      recorder.emit('step.cancelled', {
        ...ids,
        ...(attempt ? { attempt } : {}),
        data: { reason: error },
      });
    } else {
      recorder.emit('step.skipped', { ...ids, data: { reason: error } });
    }
  }
  for (const stage of plan.stages) {
    const status = state.stages[stage.id]?.status ?? 'pending';
    if (status === 'running') recorder.emit('stage.failed', { stageId: stage.id, data: { error } });
    if (status === 'pending') recorder.emit('stage.skipped', { stageId: stage.id, data: { reason: error } });
  }
}
