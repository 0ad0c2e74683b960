import type { StageOf, SyncPoint } from '@baton/core';
import { BAR_H, columnsFor } from '../blockMetrics';
import { stepCell, stepsOf } from '../blockRows';
import type { WebPatternParts } from '../webPattern';
import { ParallelWithSyncFields } from './Fields';

const syncName = (p: SyncPoint) => (typeof p === 'string' ? p : p.name);

export const parallelWithSyncParts: WebPatternParts<StageOf<'parallel_with_sync'>> = {
  Fields: ParallelWithSyncFields,
  glyph: (
    <>
      <rect x="3" y="2" width="18" height="3" rx="1.5" />
      <rect x="4" y="8" width="7" height="8" rx="1.5" />
      <rect x="13" y="8" width="7" height="8" rx="1.5" />
      <rect x="3" y="19" width="18" height="3" rx="1.5" />
    </>
  ),
  hint: 'Parallel lanes that meet at sync points',
  // A lane of tasks (and a slot to add one) between each pair of sync bars.
  layout(rows, steps, model) {
    const names = model.sync_points.map(syncName);
    const bars = stepsOf(steps, 'sync');
    for (let s = 0; s <= names.length; s++) {
      const lane = steps.filter(
        (t) => t.role === 'task' && (s === 0 ? !t.syncPoint : t.syncPoint === names[s - 1]),
      );
      const after = s === 0 ? null : (names[s - 1] as string);
      const label = lane.length
        ? 'Drop an agent: add work here'
        : s === 0
          ? 'Drop an agent: parallel work'
          : 'Drop an agent: work after it';
      const cells = [...lane.map(stepCell), rows.slot(`lane-${s}`, { kind: 'task', after }, label)];
      rows.grid(cells, Math.min(4, columnsFor(cells.length)));
      const bar = bars[s];
      if (bar) rows.wide({ id: bar.id, kind: 'bar' }, BAR_H);
    }
  },
};
