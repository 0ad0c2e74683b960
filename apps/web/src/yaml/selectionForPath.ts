import type { ModelPath, Plan } from '@baton/core';
import type { Selection } from '../store/useSelectionStore';

const startsWith = (path: ModelPath, prefix: ModelPath) =>
  prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/** The node a model path concerns: the step it is in, else its stage's block, else nothing. */
export function selectionForPath(plan: Plan, path: ModelPath): Selection {
  let best: { id: string; length: number } | null = null;
  for (const step of plan.steps) {
    const paths = step.role === 'fanout' ? [step.path, [...step.path.slice(0, -2), 'agent']] : [step.path];
    for (const p of paths) {
      if (startsWith(path, p) && p.length > (best?.length ?? -1)) best = { id: step.id, length: p.length };
    }
  }
  if (best) return { kind: 'step', stepId: best.id };
  if (path[0] === 'stages' && typeof path[1] === 'number') {
    const stage = plan.stages.find((s) => s.index === path[1]);
    if (stage) return { kind: 'stage', stageId: stage.id };
  }
  return null;
}

/** The model path of a selection, to find its lines in the YAML. */
export function pathOfSelection(plan: Plan, selection: Selection): ModelPath | null {
  if (!selection) return null;
  if (selection.kind === 'stage') {
    const stage = plan.stages.find((s) => s.id === selection.stageId);
    return stage ? stage.path : null;
  }
  return plan.steps.find((s) => s.id === selection.stepId)?.path ?? null;
}
