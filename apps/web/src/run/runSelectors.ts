import type { RunState, StageStatus, StepState, StepStatus } from '@baton/core';
import { useRunStore } from './useRunStore';

/**
 * One selector per key (LIVE-VIEW principle 3): a node reads its own step's state by id, so an
 * event re-renders the nodes it touches and no others. The pure parts are tested apart.
 */
export const selectStepStatus = (state: RunState, stepId: string): StepStatus =>
  state.steps[stepId]?.status ?? 'idle';

/** A block's status: its stage's, `pending` in a run that has not reached it, `idle` with no run. */
export function selectStageStatus(state: RunState, stageId: string): StageStatus | 'idle' {
  const stage = state.stages[stageId];
  if (stage) return stage.status;
  return state.runId === null ? 'idle' : 'pending';
}

/** The branch the analyzer chose: `true` for it, `false` for the others once chosen, else null. */
export function selectBranchTaken(state: RunState, stageId: string, stepId: string): boolean | null {
  const chosen = state.branches[stageId];
  if (!chosen) return null;
  return chosen.stepId === stepId;
}

const MOVING: ReadonlySet<StepStatus> = new Set(['queued', 'running', 'retrying']);
const DELIVERED: ReadonlySet<StepStatus> = new Set(['succeeded', 'reused']);

/** An edge's result is flowing: its source has delivered and its target is at work on it. */
export const selectEdgeFlowing = (state: RunState, source: string, target: string): boolean =>
  DELIVERED.has(selectStepStatus(state, source)) && MOVING.has(selectStepStatus(state, target));

export const useStepRun = (stepId: string): StepState | undefined =>
  useRunStore((s) => s.state.steps[stepId]);
export const useStepStatus = (stepId: string): StepStatus =>
  useRunStore((s) => selectStepStatus(s.state, stepId));
export const useStageStatus = (stageId: string) => useRunStore((s) => selectStageStatus(s.state, stageId));
export const useBranchTaken = (stageId: string, stepId: string) =>
  useRunStore((s) => selectBranchTaken(s.state, stageId, stepId));
export const useEdgeFlowing = (source: string, target: string) =>
  useRunStore((s) => selectEdgeFlowing(s.state, source, target));
export const useRunShown = () => useRunStore((s) => s.runId !== null);
