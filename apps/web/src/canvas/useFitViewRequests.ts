import { type FitViewOptions, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { create } from 'zustand';

/**
 * Requests to move the view: fit everything (load, import, layout), or bring some nodes into
 * view (a diagnostic clicked in the YAML tab selects a node that may be off screen).
 */
interface FitViewRequest {
  seq: number;
  /** Node ids to show; `null` for the whole orchestration. */
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

export function useFitViewRequests(options: FitViewOptions) {
  const { fitView, getZoom, getNodes } = useReactFlow();
  const request = useFitViewStore((s) => s.request);
  // Each request is carried out once (React Flow's helpers change identity as it initialises).
  const done = useRef(0);
  useEffect(() => {
    if (request.seq === 0 || request.seq === done.current) return;
    // Let React Flow measure new nodes first.
    const frame = requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        done.current = request.seq;
        // Nothing to fit: React Flow would queue the fit and jump when the first block is dropped.
        if (getNodes().length === 0) return;
        const duration = request.animate ? 250 : 0;
        if (request.nodes === null) {
          void fitView({ ...options, duration });
          return;
        }
        const zoom = Math.max(getZoom(), 0.6);
        void fitView({ nodes: request.nodes.map((id) => ({ id })), minZoom: zoom, maxZoom: zoom, duration });
      }),
    );
    return () => cancelAnimationFrame(frame);
  }, [request, fitView, getZoom, getNodes, options]);
}
