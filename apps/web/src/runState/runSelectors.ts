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
 * Whether a step is labelled *simulated* in a run: what its last attempt ran, as `step.started`
 * said. A step that has not started (or never does: skipped, reused) is labelled by what the run
 * would run it as: every step of a dry run, else what the catalog says of its agent.
 */
export function selectStepSimulated(
  state: RunState,
  stepId: string,
  dryRun: boolean,
  catalogSimulated: boolean,
): boolean {
  const step = state.steps[stepId];
  if (step?.startedAt !== undefined) return step.simulated === true;
  return dryRun || catalogSimulated;
}

/**
 * The state the canvas may draw: none until the run's own record (its YAML, so its plan) is
 * here, since step ids are positional and the canvas may still show another plan.
 */
const NO_RUN = emptyRunState();
const shown = (s: RunViewState): boolean => s.runId !== null && s.detail?.id === s.runId;
const drawable = (s: RunViewState): RunState => (shown(s) ? s.state : NO_RUN);

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
/** The step's *simulated* label: from the shown run's state, else (design mode) the catalog's. */
export const useStepSimulated = (stepId: string, catalogSimulated: boolean) =>
  useRunStore((s) =>
    shown(s)
      ? selectStepSimulated(s.state, stepId, s.detail?.simulate === true, catalogSimulated)
      : catalogSimulated,
  );
export const useRunShown = () => useRunStore(shown);
