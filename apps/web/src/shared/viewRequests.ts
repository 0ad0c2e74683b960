import { create } from 'zustand';

/**
 * Requests to move the canvas's view: fit everything (load, import, layout), or bring some nodes
 * into view (a diagnostic clicked in the YAML tab selects a node that may be off screen). Any part
 * may ask; the canvas carries them out (`canvas/useFitViewRequests.ts`).
 */
export interface FitViewRequest {
  seq: number;
  /** Node ids to show (`canvasNodeIds.ts`); `null` for the whole orchestration. */
  nodes: string[] | null;
  /** Glide there (an edit the person made) or jump (a document just opened). */
  animate: boolean;
}

export const useFitViewStore = create<{
  request: FitViewRequest;
  ask(nodes: string[] | null, animate: boolean): void;
}>()((set, get) => ({
  request: { seq: 0, nodes: null, animate: false },
  ask: (nodes, animate) => set({ request: { seq: get().request.seq + 1, nodes, animate } }),
}));

export const requestFitView = (options: { animate?: boolean } = {}) =>
  useFitViewStore.getState().ask(null, options.animate ?? true);
export const requestShowNodes = (ids: string[]) => useFitViewStore.getState().ask(ids, true);
