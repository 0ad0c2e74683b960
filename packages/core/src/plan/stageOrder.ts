import type { ModelIssue } from '../yaml/schemaIssues.js';
import type { PlanStage } from './types.js';

/**
 * Stage indexes in an order that puts every stage after those it needs; reports cycles. A
 * depth-first walk with its own stack: a chain of thousands of `needs` must not overflow the
 * call stack.
 */
export function stageOrder(stages: PlanStage[], issues: ModelIssue[]): number[] {
  const index = new Map(stages.map((s, i) => [s.id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: number[] = [];
  const reported = new Set<string>();
  const reportCycle = (trail: readonly string[], id: string) => {
    const cycle = [...trail.slice(trail.lastIndexOf(id)), id];
    const key = [...cycle].sort().join('|');
    if (reported.has(key)) return;
    reported.add(key);
    const at = stages[index.get(cycle[0] as string) as number] as PlanStage;
    const k = at.needs.indexOf(cycle[1] as string);
    issues.push({
      severity: 'error',
      message: `needs cycle: ${cycle.join(' → ')}; a stage cannot wait for itself`,
      path: k >= 0 ? ['stages', at.index, 'needs', k] : ['stages', at.index],
    });
  };
  for (const root of stages) {
    if (state.has(root.id)) continue;
    // The trail: the stages being visited, each with how many of its needs are done.
    const trail: string[] = [root.id];
    const next: number[] = [0];
    state.set(root.id, 'visiting');
    while (trail.length) {
      const id = trail[trail.length - 1] as string;
      const needs = stages[index.get(id) as number]?.needs ?? [];
      const k = next[next.length - 1] as number;
      if (k < needs.length) {
        next[next.length - 1] = k + 1;
        const need = needs[k] as string;
        const mark = state.get(need);
        if (mark === 'visiting') reportCycle(trail, need);
        else if (mark !== 'done' && index.has(need)) {
          state.set(need, 'visiting');
          trail.push(need);
          next.push(0);
        }
        continue;
      }
      state.set(id, 'done');
      order.push(index.get(id) as number);
      trail.pop();
      next.pop();
    }
  }
  return order;
}
