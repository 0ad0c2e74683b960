import type { Orchestration, Stage, SyncPoint } from '@baton/core';
import { updateStage } from './updateStage';

/**
 * Where a dropped agent goes inside a block, besides onto an existing step: the "+" slots each
 * pattern offers. `auto` is a drop on the block's body: the pattern's most natural next slot.
 */
export type AddSlot =
  | { kind: 'auto' }
  | { kind: 'task'; after?: string | null }
  | { kind: 'primary' }
  | { kind: 'reviewer' }
  | { kind: 'phase' }
  | { kind: 'validator'; phase: number }
  | { kind: 'fanout' }
  | { kind: 'fanin' }
  | { kind: 'analyzer' }
  | { kind: 'branch' };

const syncName = (p: SyncPoint) => (typeof p === 'string' ? p : p.name);

function nextName(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) {
    const name = `${prefix}${n}`;
    if (!taken.includes(name)) return name;
  }
}

/** The slot an agent dropped on a block's body fills: the first empty one, else a new item. */
export function autoSlot(stage: Stage): AddSlot {
  switch (stage.pattern) {
    case 'parallel_independent':
    case 'sequential_handoff':
      return { kind: 'task' };
    case 'parallel_with_sync': {
      const last = stage.sync_points.at(-1);
      return { kind: 'task', after: last === undefined ? null : syncName(last) };
    }
    case 'primary_with_reviewers':
      return stage.primary_agent ? { kind: 'reviewer' } : { kind: 'primary' };
    case 'incremental_validation': {
      const open = stage.phases.findIndex((p) => p.agent && !p.validator);
      return open >= 0 ? { kind: 'validator', phase: open } : { kind: 'phase' };
    }
    case 'fan_out_fan_in':
      if (!stage.fan_out.agent) return { kind: 'fanout' };
      return stage.fan_in.agent ? { kind: 'fanout' } : { kind: 'fanin' };
    case 'conditional_branching':
      return stage.conditional_logic.analyzer ? { kind: 'branch' } : { kind: 'analyzer' };
  }
}

/** Drop an agent into a block's slot: fill it, or add the task/reviewer/phase/branch it stands for. */
export function addAgent(
  document: Orchestration,
  stageIndex: number,
  slot: AddSlot,
  agent: string,
): Orchestration {
  return updateStage(document, stageIndex, (stage) => {
    const target = slot.kind === 'auto' ? autoSlot(stage) : slot;
    switch (stage.pattern) {
      case 'parallel_independent':
      case 'sequential_handoff':
        stage.tasks = [...(stage.tasks ?? []), { agent }];
        return;
      case 'parallel_with_sync': {
        const after = target.kind === 'task' ? target.after : undefined;
        stage.tasks = [...(stage.tasks ?? []), after ? { agent, after } : { agent }];
        return;
      }
      case 'primary_with_reviewers':
        if (target.kind === 'primary' || !stage.primary_agent) stage.primary_agent = agent;
        else stage.reviewer_agents = [...(stage.reviewer_agents ?? []), agent];
        return;
      case 'incremental_validation': {
        const phase = target.kind === 'validator' ? stage.phases[target.phase] : undefined;
        if (phase) phase.validator = agent;
        else {
          const name = nextName(
            'phase_',
            stage.phases.map((p) => p.name),
          );
          stage.phases.push({ name, agent });
        }
        return;
      }
      case 'fan_out_fan_in':
        if (target.kind === 'fanin') stage.fan_in.agent = agent;
        else {
          if (!stage.fan_out.agent) stage.fan_out.agent = agent;
          stage.fan_out.tasks.push(nextName('task_', stage.fan_out.tasks));
        }
        return;
      case 'conditional_branching': {
        const logic = stage.conditional_logic;
        if (target.kind === 'analyzer' || !logic.analyzer) logic.analyzer = agent;
        else {
          const condition = nextName(
            'condition_',
            logic.branches.map((b) => b.condition),
          );
          logic.branches.push({ condition, agent });
        }
        return;
      }
    }
  });
}
