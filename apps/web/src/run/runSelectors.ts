import { emptyRunState, type RunState, type StageStatus, type StepState, type StepStatus } from '@baton/core';
import { type RunViewState, useRunStore } from './useRunStore';

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

/**
 * The state the canvas may draw: none until the run's own record (its YAML, so its plan) is
 * here, since step ids are positional and the canvas may still show another plan.
 */
const NO_RUN = emptyRunState();
const drawable = (s: RunViewState): RunState =>
  s.runId !== null && s.detail?.id === s.runId ? s.state : NO_RUN;

export const useStepRun = (stepId: string): StepState | undefined =>
  useRunStore((s) => drawable(s).steps[stepId]);
export const useStepStatus = (stepId: string): StepStatus =>
  useRunStore((s) => selectStepStatus(drawable(s), stepId));
export const useStageStatus = (stageId: string) =>
  useRunStore((s) => selectStageStatus(drawable(s), stageId));
export const useBranchTaken = (stageId: string, stepId: string) =>
  useRunStore((s) => selectBranchTaken(drawable(s), stageId, stepId));
export const useEdgeFlowing = (source: string, target: string) =>
  useRunStore((s) => selectEdgeFlowing(drawable(s), source, target));
export const useRunShown = () => useRunStore((s) => s.runId !== null && s.detail?.id === s.runId);
