import type { HealthResponse, RunDispatcher } from '@baton/core';
import { create } from 'zustand';

/**
 * What the person does with the run view (not run state): the step whose drawer is open, and
 * the step hovered on the canvas or the timeline (each highlights the other).
 */
interface RunUiState {
  drawerStepId: string | null;
  hovered: string | null;
  /** Options of the next run: the speed of simulated agents, where steps run, a dry run. */
  speed: number;
  /** The dispatcher the person picked; `null` until they pick one (the server's default then). */
  dispatcher: RunDispatcher | null;
  /** Every agent runs as its simulated stand-in (docs/design.md §3.3). */
  simulate: boolean;
  openDrawer(stepId: string | null): void;
  hover(stepId: string | null): void;
  setSpeed(speed: number): void;
  setDispatcher(dispatcher: RunDispatcher): void;
  setSimulate(simulate: boolean): void;
}

export const useRunUiStore = create<RunUiState>()((set) => ({
  drawerStepId: null,
  hovered: null,
  speed: 1,
  dispatcher: null,
  simulate: false,
  openDrawer: (drawerStepId) => set({ drawerStepId }),
  hover: (hovered) => set({ hovered }),
  setSpeed: (speed) => set({ speed }),
  setDispatcher: (dispatcher) => set({ dispatcher }),
  setSimulate: (simulate) => set({ simulate }),
}));

/**
 * Where the next run's steps go: the person's pick while the server offers it, else the
 * server's default (a server started with `--dispatcher queue` defaults to its workers).
 */
export function chosenDispatcher(
  picked: RunDispatcher | null,
  health: Pick<HealthResponse, 'dispatchers' | 'defaultDispatcher'> | undefined,
): RunDispatcher {
  const offered = health?.dispatchers ?? ['local'];
  if (picked && offered.includes(picked)) return picked;
  const fallback = health?.defaultDispatcher;
  return fallback && offered.includes(fallback) ? fallback : (offered[0] ?? 'local');
}
