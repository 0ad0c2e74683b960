import type { StageOf } from '../../model/types.js';
import type { SlotEdits } from '../patternModule.js';
import { moveItem } from '../slots.js';

type ReviewStage = StageOf<'primary_with_reviewers'>;

/** A reviewer's review task follows the reviewer to its new agent, unless another reviewer still uses it. */
function renameReviewTask(stage: ReviewStage, from: string, to: string) {
  const tasks = stage.review_tasks;
  if (!tasks || from === to || tasks[from] === undefined) return;
  if (stage.reviewer_agents?.includes(from)) return; // another reviewer still uses it
  if (tasks[to] === undefined) tasks[to] = tasks[from];
  delete tasks[from];
}

export const primaryWithReviewersEdits: SlotEdits<ReviewStage> = {
  newStage: () => ({
    pattern: 'primary_with_reviewers',
    primary_agent: '',
    reviewer_agents: [],
    parallel_execution: true,
  }),
  autoSlot: (stage) => (stage.primary_agent ? { kind: 'reviewer' } : { kind: 'primary' }),
  addAgent(stage, slot, agent) {
    const target = slot.kind === 'auto' ? primaryWithReviewersEdits.autoSlot(stage) : slot;
    if (target.kind === 'primary' || !stage.primary_agent) stage.primary_agent = agent;
    else stage.reviewer_agents = [...(stage.reviewer_agents ?? []), agent];
  },
  setStepAgent(stage, ref, agent) {
    const i = ref.index;
    if (ref.role === 'primary') stage.primary_agent = agent;
    else if (stage.reviewer_agents && i < stage.reviewer_agents.length) {
      const before = stage.reviewer_agents[i] as string;
      stage.reviewer_agents[i] = agent;
      renameReviewTask(stage, before, agent);
    }
  },
  // The primary is a required slot: emptied, so the block keeps its shape.
  removeStep(stage, ref) {
    if (ref.role === 'primary') stage.primary_agent = '';
    else if (stage.reviewer_agents) {
      const [agent] = stage.reviewer_agents.splice(ref.index, 1);
      if (agent && stage.review_tasks && !stage.reviewer_agents.includes(agent)) {
        delete stage.review_tasks[agent];
        if (Object.keys(stage.review_tasks).length === 0) delete stage.review_tasks;
      }
    }
  },
  moveStep(stage, ref, to) {
    if (ref.role === 'reviewer' && stage.reviewer_agents) {
      stage.reviewer_agents = moveItem(stage.reviewer_agents, ref.index, to);
    }
  },
  siblingCount: (stage, ref) => (ref.role === 'reviewer' ? (stage.reviewer_agents?.length ?? 0) : 1),
};
