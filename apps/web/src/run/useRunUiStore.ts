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
  dispatcher: 'local' | 'queue';
  /** Every agent runs as its simulated stand-in (DESIGN §3.3). */
  simulate: boolean;
  openDrawer(stepId: string | null): void;
  hover(stepId: string | null): void;
  setSpeed(speed: number): void;
  setDispatcher(dispatcher: 'local' | 'queue'): void;
  setSimulate(simulate: boolean): void;
}

export const useRunUiStore = create<RunUiState>()((set) => ({
  drawerStepId: null,
  hovered: null,
  speed: 1,
  dispatcher: 'local',
  simulate: false,
  openDrawer: (drawerStepId) => set({ drawerStepId }),
  hover: (hovered) => set({ hovered }),
  setSpeed: (speed) => set({ speed }),
  setDispatcher: (dispatcher) => set({ dispatcher }),
  setSimulate: (simulate) => set({ simulate }),
}));
