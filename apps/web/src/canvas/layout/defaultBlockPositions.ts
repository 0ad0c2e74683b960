import type { Plan } from '@baton/core';
import { BLOCK_GAP_X, BLOCK_GAP_Y } from './metrics';

export interface XY {
  x: number;
  y: number;
}

/**
 * A starting place for every block: columns by dependency depth (a stage one column right of the
 * last stage it needs), blocks of one column stacked. Used for blocks nobody placed yet.
 */
export function defaultBlockPositions(
  plan: Plan,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
) {
  const depth = new Map<string, number>();
  const byId = new Map(plan.stages.map((s) => [s.id, s]));
  const visit = (id: string, trail: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (trail.has(id)) return 0; // a cycle (reported elsewhere): break it here
    trail.add(id);
    const needs = byId.get(id)?.needs ?? [];
    const d = needs.length ? Math.max(...needs.map((n) => visit(n, trail) + 1)) : 0;
    trail.delete(id);
    depth.set(id, d);
    return d;
  };
  const columns: string[][] = [];
  for (const stage of plan.stages) {
    const d = visit(stage.id, new Set());
    const column = columns[d] ?? [];
    column.push(stage.id);
    columns[d] = column;
  }
  const out = new Map<string, XY>();
  let x = 0;
  for (const column of columns) {
    if (!column) continue;
    let y = 0;
    let width = 0;
    for (const id of column) {
      const size = sizes.get(id) ?? { width: 300, height: 200 };
      out.set(id, { x, y });
      y += size.height + BLOCK_GAP_Y;
      width = Math.max(width, size.width);
    }
    x += width + BLOCK_GAP_X;
  }
  return out;
}
