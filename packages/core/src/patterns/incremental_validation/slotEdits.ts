import type { StageOf } from '../../model/types.js';
import type { SlotEdits } from '../patternModule.js';
import { moveItem, nextName } from '../slots.js';

export const incrementalValidationEdits: SlotEdits<StageOf<'incremental_validation'>> = {
  newStage: () => ({ pattern: 'incremental_validation', phases: [], sequential: true }),
  // The first phase still waiting for a validator gets one before a new phase is started.
  autoSlot(stage) {
    const open = stage.phases.findIndex((p) => p.agent && !p.validator);
    return open >= 0 ? { kind: 'validator', phase: open } : { kind: 'phase' };
  },
  addAgent(stage, slot, agent) {
    const target = slot.kind === 'auto' ? incrementalValidationEdits.autoSlot(stage) : slot;
    const phase = target.kind === 'validator' ? stage.phases[target.phase] : undefined;
    if (phase) phase.validator = agent;
    else {
      const name = nextName(
        'phase_',
        stage.phases.map((p) => p.name),
      );
      stage.phases.push({ name, agent });
    }
  },
  setStepAgent(stage, ref, agent) {
    const phase = stage.phases[ref.index];
    if (!phase) return;
    if (ref.role === 'validator') phase.validator = agent;
    else phase.agent = agent;
  },
  removeStep(stage, ref) {
    const phase = stage.phases[ref.index];
    if (ref.role === 'validator' && phase) {
      delete phase.validator;
      delete phase.validator_task;
    } else stage.phases.splice(ref.index, 1);
  },
  moveStep(stage, ref, to) {
    stage.phases = moveItem(stage.phases, ref.index, to);
  },
  siblingCount: (stage) => stage.phases.length,
};
