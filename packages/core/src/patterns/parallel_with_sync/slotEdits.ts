import type { StageOf, SyncPoint } from '../../model/types.js';
import type { SlotEdits } from '../patternModule.js';
import { moveItem } from '../slots.js';

type SyncStage = StageOf<'parallel_with_sync'>;

const syncName = (p: SyncPoint) => (typeof p === 'string' ? p : p.name);

function withAgent(point: SyncPoint, agent: string): SyncPoint {
  return typeof point === 'string' ? { name: point, agent } : { ...point, agent };
}

/** A removed sync point's tasks move to the barrier before it (or to the start). */
function removeSyncPoint(stage: SyncStage, index: number) {
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

export const parallelWithSyncEdits: SlotEdits<SyncStage> = {
  newStage: () => ({
    pattern: 'parallel_with_sync',
    parallel_execution: true,
    sync_points: ['Sync point 1'],
    tasks: [],
  }),
  autoSlot(stage) {
    const last = stage.sync_points.at(-1);
    return { kind: 'task', after: last === undefined ? null : syncName(last) };
  },
  addAgent(stage, slot, agent) {
    const target = slot.kind === 'auto' ? parallelWithSyncEdits.autoSlot(stage) : slot;
    const after = target.kind === 'task' ? target.after : undefined;
    stage.tasks = [...(stage.tasks ?? []), after ? { agent, after } : { agent }];
  },
  setStepAgent(stage, ref, agent) {
    const i = ref.index;
    if (ref.role === 'sync') {
      const point = stage.sync_points[i];
      if (point !== undefined) stage.sync_points[i] = withAgent(point, agent);
    } else if (stage.tasks?.[i]) stage.tasks[i].agent = agent;
  },
  removeStep(stage, ref) {
    if (ref.role === 'sync') removeSyncPoint(stage, ref.index);
    else stage.tasks?.splice(ref.index, 1);
  },
  moveStep(stage, ref, to) {
    if (ref.role === 'sync') stage.sync_points = moveItem(stage.sync_points, ref.index, to);
    else if (stage.tasks) stage.tasks = moveItem(stage.tasks, ref.index, to);
  },
  siblingCount: (stage, ref) => (ref.role === 'sync' ? stage.sync_points.length : (stage.tasks?.length ?? 0)),
};
