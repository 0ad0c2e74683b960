import type { StageOf } from '../../model/types.js';
import type { SlotEdits } from '../patternModule.js';
import { moveItem, nextName } from '../slots.js';

export const conditionalBranchingEdits: SlotEdits<StageOf<'conditional_branching'>> = {
  newStage: () => ({ pattern: 'conditional_branching', conditional_logic: { analyzer: '', branches: [] } }),
  autoSlot: (stage) => (stage.conditional_logic.analyzer ? { kind: 'branch' } : { kind: 'analyzer' }),
  addAgent(stage, slot, agent) {
    const target = slot.kind === 'auto' ? conditionalBranchingEdits.autoSlot(stage) : slot;
    const logic = stage.conditional_logic;
    if (target.kind === 'analyzer' || !logic.analyzer) logic.analyzer = agent;
    else {
      const condition = nextName(
        'condition_',
        logic.branches.map((b) => b.condition),
      );
      logic.branches.push({ condition, agent });
    }
  },
  setStepAgent(stage, ref, agent) {
    if (ref.role === 'analyzer') stage.conditional_logic.analyzer = agent;
    else {
      const branch = stage.conditional_logic.branches[ref.index];
      if (branch) branch.agent = agent;
    }
  },
  // The analyzer is a required slot: emptied, so the block keeps its shape.
  removeStep(stage, ref) {
    if (ref.role === 'analyzer') stage.conditional_logic.analyzer = '';
    else stage.conditional_logic.branches.splice(ref.index, 1);
  },
  moveStep(stage, ref, to) {
    if (ref.role === 'branch') {
      stage.conditional_logic.branches = moveItem(stage.conditional_logic.branches, ref.index, to);
    }
  },
  siblingCount: (stage, ref) => (ref.role === 'branch' ? stage.conditional_logic.branches.length : 1),
};
