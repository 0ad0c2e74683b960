import { type FitViewOptions, useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { create } from 'zustand';

/** A counter the app bumps when the whole document changed (load, import, layout): fit it in view. */
export const useFitViewStore = create<{ requests: number; request(): void }>()((set, get) => ({
  requests: 0,
  request: () => set({ requests: get().requests + 1 }),
}));

export const requestFitView = () => useFitViewStore.getState().request();

export function useFitViewRequests(options: FitViewOptions) {
  const { fitView } = useReactFlow();
  const requests = useFitViewStore((s) => s.requests);
  useEffect(() => {
    if (requests === 0) return;
    // Let React Flow measure the new nodes first.
    const frame = requestAnimationFrame(() =>
      requestAnimationFrame(() => void fitView({ ...options, duration: 250 })),
    );
    return () => cancelAnimationFrame(frame);
  }, [requests, fitView, options]);
}
