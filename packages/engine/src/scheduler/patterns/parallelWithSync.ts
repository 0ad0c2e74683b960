import type { EventRecorder } from '../../events/eventRecorder.js';
import type { StepRun } from '../stepRun.js';
import { DEPENDENCIES_ONLY, type StageRules } from './stageRules.js';

export function barrierPassed(recorder: EventRecorder, s: StepRun): void {
  recorder.emit('barrier.passed', {
    stageId: s.stage.stage.id,
    stepId: s.step.id,
    data: { name: s.step.syncPoint ?? s.step.label },
  });
}

/** A sync point with an agent passes its barrier when the agent succeeds (one without, in StageFlow). */
export const parallelWithSyncRules: StageRules = {
  ...DEPENDENCIES_ONLY,
  succeeded(flow, s) {
    if (s.step.role === 'sync') barrierPassed(flow.recorder, s);
  },
};
