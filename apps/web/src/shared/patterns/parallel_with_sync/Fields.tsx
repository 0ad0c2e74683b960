import type { ModelPath, SyncPoint } from '@baton/core';
import { AgentField } from '../../fields/AgentField';
import { BooleanField } from '../../fields/BooleanField';
import { setModelValue, useModelValue } from '../../fields/modelBinding';
import { NumberField } from '../../fields/NumberField';
import { TaskListSummary } from '../../fields/TaskListSummary';
import { TextField } from '../../fields/TextField';

/** Sync points are names, or `{name, agent, task}` when a step runs at the barrier. */
function SyncPointEditor({ path, index, count }: { path: ModelPath; index: number; count: number }) {
  const value = useModelValue(path) as SyncPoint | undefined;
  const points = useModelValue(path.slice(0, -1)) as SyncPoint[];
  if (value === undefined) return null;
  const asObject = typeof value === 'string' ? { name: value } : value;
  const write = (next: Partial<Exclude<SyncPoint, string>>) => {
    const merged = { ...asObject, ...next };
    for (const k of Object.keys(merged) as (keyof typeof merged)[])
      if (merged[k] === undefined || merged[k] === '') delete merged[k];
    const simple = Object.keys(merged).length === 1 && merged.name !== undefined;
    setModelValue(path, simple ? merged.name : { ...merged, name: merged.name ?? '' });
  };
  return (
    <div className="sub-card">
      <div className="sub-card-head">
        Sync point {index + 1}
        <button
          type="button"
          className="btn-icon"
          aria-label="Remove sync point"
          disabled={count <= 1}
          onClick={() =>
            setModelValue(
              path.slice(0, -1),
              points.filter((_, i) => i !== index),
            )
          }
        >
          ×
        </button>
      </div>
      <TextField path={[...path, 'name']} label="Name" required onChange={(v) => write({ name: v ?? '' })} />
      <AgentField
        path={[...path, 'agent']}
        label="Agent at the barrier"
        required={false}
        onChange={(v) => write({ agent: v })}
      />
      <TextField path={[...path, 'task']} label="Task" onChange={(v) => write({ task: v })} />
    </div>
  );
}

export function ParallelWithSyncFields({ base, stageId }: { base: ModelPath; stageId: string }) {
  const points = (useModelValue([...base, 'sync_points']) as SyncPoint[] | undefined) ?? [];
  return (
    <>
      <BooleanField path={[...base, 'parallel_execution']} label="Run lanes in parallel" defaultValue />
      <NumberField
        path={[...base, 'max_concurrent']}
        label="At most at once"
        placeholder="no limit"
        min={1}
      />
      <h4 className="inspector-subhead">Sync points</h4>
      {points.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sync points are edited in place by position
        <SyncPointEditor key={i} path={[...base, 'sync_points', i]} index={i} count={points.length} />
      ))}
      <button
        type="button"
        className="btn btn-small btn-ghost"
        onClick={() =>
          setModelValue([...base, 'sync_points'], [...points, `Sync point ${points.length + 1}`])
        }
      >
        + Add sync point
      </button>
      <h4 className="inspector-subhead">Steps</h4>
      <TaskListSummary stageId={stageId} empty="No tasks yet: drop agents into a lane." />
    </>
  );
}
