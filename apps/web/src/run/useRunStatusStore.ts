import type { StepStatus } from '@baton/core';
import { create } from 'zustand';

/**
 * Run status per step id, kept apart from the document: a status event re-renders only the node
 * whose id it names. Empty until a run is shown (the live view fills it).
 */
interface RunStatusState {
  byStep: Readonly<Record<string, StepStatus>>;
}

export const useRunStatusStore = create<RunStatusState>()(() => ({ byStep: {} }));

export const useStepStatus = (stepId: string): StepStatus =>
  useRunStatusStore((s) => s.byStep[stepId] ?? 'idle');
