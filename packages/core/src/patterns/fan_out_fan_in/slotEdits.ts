import type { StageOf } from '../../model/types.js';
import type { SlotEdits } from '../patternModule.js';
import { moveItem, nextName } from '../slots.js';

export const fanOutFanInEdits: SlotEdits<StageOf<'fan_out_fan_in'>> = {
  newStage: () => ({
    pattern: 'fan_out_fan_in',
    fan_out: { agent: '', tasks: [], parallel: true },
    fan_in: { agent: '' },
  }),
  autoSlot(stage) {
    if (!stage.fan_out.agent) return { kind: 'fanout' };
    return stage.fan_in.agent ? { kind: 'fanout' } : { kind: 'fanin' };
  },
  // One agent runs every fan-out task: a drop there names it (once) and adds a task.
  addAgent(stage, slot, agent) {
    const target = slot.kind === 'auto' ? fanOutFanInEdits.autoSlot(stage) : slot;
    if (target.kind === 'fanin') stage.fan_in.agent = agent;
    else {
      if (!stage.fan_out.agent) stage.fan_out.agent = agent;
      stage.fan_out.tasks.push(nextName('task_', stage.fan_out.tasks));
    }
  },
  setStepAgent(stage, ref, agent) {
    if (ref.role === 'fanin') stage.fan_in.agent = agent;
    else stage.fan_out.agent = agent;
  },
  // The fan-in is a required slot: emptied, so the block keeps its shape.
  removeStep(stage, ref) {
    if (ref.role === 'fanin') stage.fan_in.agent = '';
    else stage.fan_out.tasks.splice(ref.index, 1);
  },
  moveStep(stage, ref, to) {
    if (ref.role === 'fanout') stage.fan_out.tasks = moveItem(stage.fan_out.tasks, ref.index, to);
  },
  siblingCount: (stage, ref) => (ref.role === 'fanout' ? stage.fan_out.tasks.length : 1),
};
