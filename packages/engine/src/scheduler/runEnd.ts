import { isTerminalStepStatus, type Plan, reduceRun } from '@baton/core';
import type { EventRecorder } from '../events/eventRecorder.js';
import type { StageFlow } from './stageFlow.js';
import type { StageRun, StepRun } from './stepRun.js';

/**
 * How a run ends (docs/design.md §3.1): the run's error, what is still open when it stops short (a
 * plan that cannot finish, a cancel, an error of the engine), and the rows of its summary.
 */

/**
 * Nothing runs and nothing can start, yet stages are open: a plan that cannot finish (never a
 * valid one). Better a failed run that says so than one that hangs.
 */
export function closeUnfinishable(flow: StageFlow): void {
  const open = flow.stages.filter((s) => s.phase === 'waiting' || s.phase === 'running');
  for (const stage of open) {
    if (stage.phase === 'waiting') flow.skipStage(stage, 'its needs can never be met');
    else if (stage.phase === 'running') {
      for (const s of stage.steps) flow.markSkipped(s, 'can never start');
      stage.error = 'steps that can never start';
      flow.maybeEndStage(stage);
    }
    flow.drain();
  }
}

/** The error of a run that ends: it names the first stage that failed (the cause), else one skipped. */
export function runError(stages: readonly StageRun[]): string | undefined {
  const failed = stages.find((s) => s.phase === 'failed') ?? stages.find((s) => s.phase === 'skipped');
  if (!failed) return undefined;
  const why = failed.phase === 'failed' ? `failed: ${failed.error ?? 'failed'}` : 'was skipped';
  return `stage '${failed.stage.id}' ${why}`;
}

/** A cancelled run, nothing running any more: running stages fail, waiting ones are skipped. */
export function closeCancelled(flow: StageFlow): void {
  for (const stage of flow.stages) {
    if (stage.phase === 'running') {
      for (const s of stage.steps) flow.markSkipped(s, 'run cancelled');
      stage.phase = 'failed';
      flow.recorder.emit('stage.failed', { stageId: stage.stage.id, data: { error: 'run cancelled' } });
    } else if (stage.phase === 'waiting') {
      flow.skipStage(stage, 'run cancelled');
    }
  }
}

/** Every step of the plan, in the plan's order: the summary's rows. */
export function stepRows(plan: Plan, steps: ReadonlyMap<string, StepRun>): StepRun[] {
  return plan.steps.map((st) => steps.get(st.id)).filter((s): s is StepRun => !!s);
}

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
