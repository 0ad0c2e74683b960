import { formatDuration, type StepInterval, stepIntervals } from '@baton/core';
import { memo, useEffect, useMemo, useState } from 'react';
import type { GraphViews } from '../../store/graphViews';
import { useRunStore } from '../useRunStore';
import { useRunUiStore } from '../useRunUiStore';
import { type TimelineBar, timelineRows } from './timelineRows';

const TICK_MS = 250;

/** The time a running bar reaches: now while live, the last folded event's time in a replay. */
function useNow(live: boolean, lastTs: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [live]);
  return live ? now : lastTs ? Date.parse(lastTs) : now;
}

/**
 * The run's timeline (bottom): a bar per attempt, grouped by stage, each over a faint bar where
 * the estimate expected the step. Hovering a bar highlights its node, and hovering a node its
 * bars.
 */
export function Timeline({ views, speed }: { views: GraphViews; speed: number }) {
  const events = useRunStore((s) => s.events);
  const position = useRunStore((s) => s.position);
  const startedAt = useRunStore((s) => s.state.startedAt);
  const finishedAt = useRunStore((s) => s.state.finishedAt);
  const following = useRunStore((s) => s.following);
  const live = following && !finishedAt && !!startedAt;
  const lastTs = events[position - 1]?.ts;
  const now = useNow(live, lastTs);
  const intervals: StepInterval[] = useMemo(
    () => stepIntervals(events.slice(0, position)),
    [events, position],
  );
  const start = startedAt ? Date.parse(startedAt) : null;
  const groups = useMemo(
    () => (start === null ? [] : timelineRows(views.plan, intervals, views.estimate, speed, start)),
    [views, intervals, speed, start],
  );
  if (start === null) {
    return (
      <div className="timeline is-empty" data-testid="timeline">
        The timeline fills in as steps start.
      </div>
    );
  }
  const elapsed = (finishedAt ? Date.parse(finishedAt) : now) - start;
  const expected = views.estimate.makespanMs / (speed > 0 ? speed : 1);
  const span = Math.max(elapsed, expected, 1);
  const pct = (ms: number) => `${(Math.max(0, ms) / span) * 100}%`;
  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-scale">
        <span>0</span>
        <span>
          {formatDuration(Math.round(elapsed))} elapsed · estimate {formatDuration(Math.round(expected))}
        </span>
      </div>
      {groups.map((group) => (
        <div key={group.stageId} className="timeline-group" data-timeline-stage={group.stageId}>
          <div className="timeline-stage">{group.title}</div>
          {group.rows.map((row) => (
            <div key={row.stepId} className="timeline-row">
              <div className="timeline-label" title={row.stepId}>
                {row.label}{' '}
                <span className="timeline-step-id">{row.stepId.slice(group.stageId.length + 1)}</span>
              </div>
              <div className="timeline-track">
                {row.expected ? (
                  <div
                    className="timeline-expected"
                    style={{
                      left: pct(row.expected.startMs),
                      width: pct(row.expected.endMs - row.expected.startMs),
                    }}
                  />
                ) : null}
                {row.bars.map((bar) => (
                  <Bar
                    key={bar.key}
                    bar={bar}
                    left={pct(bar.startMs)}
                    width={pct((bar.endMs ?? now - start) - bar.startMs)}
                  />
                ))}
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

const Bar = memo(function Bar({ bar, left, width }: { bar: TimelineBar; left: string; width: string }) {
  const hovered = useRunUiStore((s) => s.hovered === bar.stepId);
  const title = `${bar.stepId} · attempt ${bar.attempt} · ${bar.status}${
    bar.endMs !== null ? ` · ${formatDuration(Math.round(bar.endMs - bar.startMs))}` : ''
  }${bar.error ? ` · ${bar.error}` : ''}`;
  return (
    <button
      type="button"
      className={`timeline-bar bar-${bar.status}${hovered ? ' is-hovered' : ''}`}
      style={{ left, width }}
      title={title}
      data-testid="timeline-bar"
      data-step-id={bar.stepId}
      data-attempt={bar.attempt}
      data-status={bar.status}
      onMouseEnter={() => useRunUiStore.getState().hover(bar.stepId)}
      onMouseLeave={() => useRunUiStore.getState().hover(null)}
      onFocus={() => useRunUiStore.getState().hover(bar.stepId)}
      onBlur={() => useRunUiStore.getState().hover(null)}
      aria-label={title}
      onClick={() => useRunUiStore.getState().openDrawer(bar.stepId)}
    />
  );
});
