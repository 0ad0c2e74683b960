import { useRunStore } from '../runState/useRunStore';
import type { GraphViews } from '../store/graphViews';
import { ReplayScrubber } from './replay/ReplayScrubber';
import { Timeline } from './timeline/Timeline';

/** Below the canvas while a run is shown: the replay scrubber over the timeline. */
export function RunBottomBar({ views }: { views: GraphViews }) {
  const speed = useRunStore((s) => s.detail?.speed ?? 1);
  return (
    <section className="run-bottom" aria-label="Run timeline and replay">
      <ReplayScrubber />
      <Timeline views={views} speed={speed} />
    </section>
  );
}
