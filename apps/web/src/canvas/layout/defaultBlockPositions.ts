import type { Plan } from '@baton/core';
import type { XY } from '../../shared/geometry';
import { BLOCK_GAP_X, BLOCK_GAP_Y } from './metrics';

/**
 * A starting place for every block: rows by dependency depth (a stage one row below the last stage
 * it needs), blocks of one row side by side. Stages flow down, as the seed's diagrams do. Used for blocks nobody placed yet.
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
  const columns: string[][] = []; // one per depth: the rows of blocks
  for (const stage of plan.stages) {
    const d = visit(stage.id, new Set());
    const column = columns[d] ?? [];
    column.push(stage.id);
    columns[d] = column;
  }
  const out = new Map<string, XY>();
  let y = 0;
  for (const row of columns) {
    if (!row) continue;
    const width =
      row.reduce((sum, id) => sum + (sizes.get(id)?.width ?? 300), 0) + (row.length - 1) * BLOCK_GAP_X;
    let x = -width / 2;
    let height = 0;
    for (const id of row) {
      const size = sizes.get(id) ?? { width: 300, height: 200 };
      out.set(id, { x: Math.round(x), y });
      x += size.width + BLOCK_GAP_X;
      height = Math.max(height, size.height);
    }
    y += height + BLOCK_GAP_Y;
  }
  return out;
}
