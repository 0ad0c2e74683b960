import { type FitViewOptions, useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { create } from 'zustand';

/**
 * Requests to move the view: fit everything (load, import, layout), or bring some nodes into
 * view (a diagnostic clicked in the YAML tab selects a node that may be off screen).
 */
interface FitViewRequest {
  seq: number;
  /** Node ids to show; `null` for the whole orchestration. */
  nodes: string[] | null;
}

export const useFitViewStore = create<{ request: FitViewRequest; ask(nodes: string[] | null): void }>()(
  (set, get) => ({
    request: { seq: 0, nodes: null },
    ask: (nodes) => set({ request: { seq: get().request.seq + 1, nodes } }),
  }),
);

export const requestFitView = () => useFitViewStore.getState().ask(null);
export const requestShowNodes = (ids: string[]) => useFitViewStore.getState().ask(ids);

export function useFitViewRequests(options: FitViewOptions) {
  const { fitView, getZoom } = useReactFlow();
  const request = useFitViewStore((s) => s.request);
  useEffect(() => {
    if (request.seq === 0) return;
    // Let React Flow measure new nodes first.
    const frame = requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (request.nodes === null) void fitView({ ...options, duration: 250 });
        else {
          const zoom = Math.max(getZoom(), 0.6);
          void fitView({
            nodes: request.nodes.map((id) => ({ id })),
            minZoom: zoom,
            maxZoom: zoom,
            duration: 250,
          });
        }
      }),
    );
    return () => cancelAnimationFrame(frame);
  }, [request, fitView, getZoom, options]);
}
