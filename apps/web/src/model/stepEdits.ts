import type { Orchestration, Stage, SyncPoint } from '@baton/core';
import type { StepRef } from './stepRef';
import { moveItem, updateStage } from './updateStage';

/** Put an agent into the slot of an existing step (drop on a node, or the Inspector's agent field). */
export function setStepAgent(document: Orchestration, ref: StepRef, agent: string): Orchestration {
  return updateStage(document, ref.stageIndex, (stage) => {
    const i = ref.index;
    switch (stage.pattern) {
      case 'parallel_independent':
      case 'sequential_handoff':
        if (stage.tasks?.[i]) stage.tasks[i].agent = agent;
        return;
      case 'parallel_with_sync':
        if (ref.role === 'sync') {
          const point = stage.sync_points[i];
          if (point !== undefined) stage.sync_points[i] = withAgent(point, agent);
        } else if (stage.tasks?.[i]) stage.tasks[i].agent = agent;
        return;
      case 'primary_with_reviewers':
        if (ref.role === 'primary') stage.primary_agent = agent;
        else if (stage.reviewer_agents && i < stage.reviewer_agents.length) {
          const before = stage.reviewer_agents[i] as string;
          stage.reviewer_agents[i] = agent;
          renameReviewTask(stage, before, agent);
        }
        return;
      case 'incremental_validation': {
        const phase = stage.phases[i];
        if (!phase) return;
        if (ref.role === 'validator') phase.validator = agent;
        else phase.agent = agent;
        return;
      }
      case 'fan_out_fan_in':
        if (ref.role === 'fanin') stage.fan_in.agent = agent;
        else stage.fan_out.agent = agent;
        return;
      case 'conditional_branching': {
        if (ref.role === 'analyzer') stage.conditional_logic.analyzer = agent;
        else {
          const branch = stage.conditional_logic.branches[i];
          if (branch) branch.agent = agent;
        }
        return;
      }
    }
  });
}

function withAgent(point: SyncPoint, agent: string): SyncPoint {
  return typeof point === 'string' ? { name: point, agent } : { ...point, agent };
}

function renameReviewTask(
  stage: Extract<Stage, { pattern: 'primary_with_reviewers' }>,
  from: string,
  to: string,
) {
  const tasks = stage.review_tasks;
  if (!tasks || from === to || tasks[from] === undefined) return;
  if (stage.reviewer_agents?.includes(from)) return; // another reviewer still uses it
  if (tasks[to] === undefined) tasks[to] = tasks[from];
  delete tasks[from];
}

/**
 * Delete a step. A list item (task, reviewer, phase, fan-out task, branch, sync point) goes away;
 * a single required slot (primary, fan-in, analyzer) is emptied so its block keeps its shape.
 */
export function removeStep(document: Orchestration, ref: StepRef): Orchestration {
  return updateStage(document, ref.stageIndex, (stage) => {
    const i = ref.index;
    switch (stage.pattern) {
      case 'parallel_independent':
      case 'sequential_handoff':
        stage.tasks?.splice(i, 1);
        return;
      case 'parallel_with_sync':
        if (ref.role === 'sync') removeSyncPoint(stage, i);
        else stage.tasks?.splice(i, 1);
        return;
      case 'primary_with_reviewers':
        if (ref.role === 'primary') stage.primary_agent = '';
        else if (stage.reviewer_agents) {
          const [agent] = stage.reviewer_agents.splice(i, 1);
          if (agent && stage.review_tasks && !stage.reviewer_agents.includes(agent)) {
            delete stage.review_tasks[agent];
            if (Object.keys(stage.review_tasks).length === 0) delete stage.review_tasks;
          }
        }
        return;
      case 'incremental_validation': {
        const phase = stage.phases[i];
        if (ref.role === 'validator' && phase) {
          delete phase.validator;
          delete phase.validator_task;
        } else stage.phases.splice(i, 1);
        return;
      }
      case 'fan_out_fan_in':
        if (ref.role === 'fanin') stage.fan_in.agent = '';
        else stage.fan_out.tasks.splice(i, 1);
        return;
      case 'conditional_branching':
        if (ref.role === 'analyzer') stage.conditional_logic.analyzer = '';
        else stage.conditional_logic.branches.splice(i, 1);
        return;
    }
  });
}

function removeSyncPoint(stage: Extract<Stage, { pattern: 'parallel_with_sync' }>, index: number) {
  const nameOf = (p: SyncPoint | undefined) => (typeof p === 'string' ? p : p?.name);
  const removed = nameOf(stage.sync_points[index]);
  const previous = index > 0 ? nameOf(stage.sync_points[index - 1]) : undefined;
  stage.sync_points.splice(index, 1);
  for (const task of stage.tasks ?? []) {
    if (task.after !== removed) continue;
    if (previous) task.after = previous;
    else delete task.after;
  }
}

/** Move a step within its list (tasks, reviewers, phases, fan-out tasks, branches, sync points). */
export function moveStep(document: Orchestration, ref: StepRef, to: number): Orchestration {
  return updateStage(document, ref.stageIndex, (stage) => {
    const from = ref.index;
    switch (stage.pattern) {
      case 'parallel_independent':
      case 'sequential_handoff':
        if (stage.tasks) stage.tasks = moveItem(stage.tasks, from, to);
        return;
      case 'parallel_with_sync':
        if (ref.role === 'sync') stage.sync_points = moveItem(stage.sync_points, from, to);
        else if (stage.tasks) stage.tasks = moveItem(stage.tasks, from, to);
        return;
      case 'primary_with_reviewers':
        if (ref.role === 'reviewer' && stage.reviewer_agents) {
          stage.reviewer_agents = moveItem(stage.reviewer_agents, from, to);
        }
        return;
      case 'incremental_validation':
        stage.phases = moveItem(stage.phases, from, to);
        return;
      case 'fan_out_fan_in':
        if (ref.role === 'fanout') stage.fan_out.tasks = moveItem(stage.fan_out.tasks, from, to);
        return;
      case 'conditional_branching':
        if (ref.role === 'branch') {
          stage.conditional_logic.branches = moveItem(stage.conditional_logic.branches, from, to);
        }
        return;
    }
  });
}

/** How many siblings a step can be reordered among (1 when it cannot move). */
export function siblingCount(stage: Stage, ref: StepRef): number {
  switch (stage.pattern) {
    case 'parallel_independent':
    case 'sequential_handoff':
      return stage.tasks?.length ?? 0;
    case 'parallel_with_sync':
      return ref.role === 'sync' ? stage.sync_points.length : (stage.tasks?.length ?? 0);
    case 'primary_with_reviewers':
      return ref.role === 'reviewer' ? (stage.reviewer_agents?.length ?? 0) : 1;
    case 'incremental_validation':
      return stage.phases.length;
    case 'fan_out_fan_in':
      return ref.role === 'fanout' ? stage.fan_out.tasks.length : 1;
    case 'conditional_branching':
      return ref.role === 'branch' ? stage.conditional_logic.branches.length : 1;
  }
}
