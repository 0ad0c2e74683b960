import { type FitViewOptions, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useFitViewStore } from '../shared/viewRequests';

// The requests are a leaf's, so that any part may ask; the canvas's own files ask through here.
export { requestFitView, requestShowNodes } from '../shared/viewRequests';

/** Carries out the requests of `shared/viewRequests.ts` on this canvas. */
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
