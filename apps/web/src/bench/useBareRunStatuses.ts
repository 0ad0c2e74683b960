import type { Node } from '@xyflow/react';
import { type Dispatch, type SetStateAction, useEffect } from 'react';
import { type BenchStepStatus, stepStatusOf } from './eventStatus';

/**
 * The bare page's equivalent of the editor's live run view, in the simplest way: the run's
 * server-sent events (the same stream the editor opens), each step's latest status kept, and
 * once per animation frame one `setNodes` that gives the changed nodes a `status-*` class.
 */
export function useBareRunStatuses(runId: string | null, setNodes: Dispatch<SetStateAction<Node[]>>): void {
  useEffect(() => {
    if (!runId) return;
    let pending = new Map<string, BenchStepStatus>();
    let frame = 0;
    const flush = () => {
      frame = 0;
      const changed = pending;
      pending = new Map();
      setNodes((nodes) =>
        nodes.map((n) => {
          const status = changed.get(n.id);
          return status ? { ...n, className: `status-${status}` } : n;
        }),
      );
    };
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data);
      const status = stepStatusOf(event);
      if (!status) return;
      pending.set(event.stepId, status);
      frame ||= requestAnimationFrame(flush);
    };
    source.addEventListener('end', () => source.close());
    return () => {
      source.close();
      cancelAnimationFrame(frame);
    };
  }, [runId, setNodes]);
}
