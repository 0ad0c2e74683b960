import { formatDuration, type StepInterval, stepIntervals } from '@baton/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, memo, useEffect, useMemo, useRef, useState } from 'react';
import { useRunStore } from '../../runState/useRunStore';
import { useRunUiStore } from '../../runState/useRunUiStore';
import { classNames } from '../../shared/classNames';
import type { GraphViews } from '../../store/graphViews';
import { type TimelineBar, type TimelineRow, timelineRows } from './timelineRows';

const TICK_MS = 250;
const ROW_PX = 18;
const STAGE_PX = 24;
/** Rows drawn beyond the view: a run of a few dozen steps is drawn whole. */
const OVERSCAN = 40;

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

type Line =
  | { kind: 'stage'; stageId: string; title: string }
  | { kind: 'step'; stageId: string; row: TimelineRow };

/**
 * The run's timeline (bottom): a bar per attempt, grouped by stage, each over a faint bar where
 * the estimate expected the step. Hovering a bar highlights its node, and hovering a node its
 * bars. Rows are virtualised and bars placed in milliseconds against one `--span` on the
 * container, so a frame of a 1,000-step run touches the rows in view and the bars that changed,
 * not every bar because the scale moved (bench:web).
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
  const lines = useMemo(() => {
    if (start === null) return [];
    const out: Line[] = [];
    for (const group of timelineRows(views.plan, intervals, views.estimate, speed, start)) {
      out.push({ kind: 'stage', stageId: group.stageId, title: group.title });
      for (const row of group.rows) out.push({ kind: 'step', stageId: group.stageId, row });
    }
    return out;
  }, [views, intervals, speed, start]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (lines[i]?.kind === 'stage' ? STAGE_PX : ROW_PX),
    overscan: OVERSCAN,
  });
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
  const nowMs = now - start;
  return (
    <div
      ref={scroller}
      className="timeline"
      data-testid="timeline"
      style={{ '--span': span } as CSSProperties}
    >
      <div className="timeline-scale">
        <span>0</span>
        <span>
          {formatDuration(Math.round(elapsed))} elapsed · estimate {formatDuration(Math.round(expected))}
        </span>
      </div>
      <div className="timeline-lines" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = lines[item.index] as Line;
          const style = { transform: `translateY(${item.start}px)` };
          if (line.kind === 'stage') {
            return (
              <div key={item.key} className="timeline-stage" style={style} data-timeline-stage={line.stageId}>
                {line.title}
              </div>
            );
          }
          return <Row key={item.key} row={line.row} stageId={line.stageId} nowMs={nowMs} style={style} />;
        })}
      </div>
    </div>
  );
}

/** `--start`/`--dur` in ms; the CSS divides by the container's `--span`. */
const placed = (startMs: number, durationMs: number) =>
  ({ '--start': Math.max(0, startMs), '--dur': Math.max(0, durationMs) }) as CSSProperties;

function Row({
  row,
  stageId,
  nowMs,
  style,
}: {
  row: TimelineRow;
  stageId: string;
  nowMs: number;
  style: CSSProperties;
}) {
  return (
    <div className="timeline-row" style={style}>
      <div className="timeline-label" title={row.stepId}>
        {row.label} <span className="timeline-step-id">{row.stepId.slice(stageId.length + 1)}</span>
      </div>
      <div className="timeline-track">
        {row.expected ? (
          <div
            className="timeline-expected"
            style={placed(row.expected.startMs, row.expected.endMs - row.expected.startMs)}
          />
        ) : null}
        {row.bars.map((bar) => (
          <Bar key={bar.key} bar={bar} durationMs={(bar.endMs ?? nowMs) - bar.startMs} />
        ))}
      </div>
    </div>
  );
}

const Bar = memo(function Bar({ bar, durationMs }: { bar: TimelineBar; durationMs: number }) {
  const hovered = useRunUiStore((s) => s.hovered === bar.stepId);
  const title = `${bar.stepId} · attempt ${bar.attempt} · ${bar.interrupted ? 'lost' : bar.status}${
    bar.worker ? ` · on worker ${bar.worker}` : ''
  }${
    bar.endMs !== null ? ` · ${formatDuration(Math.round(bar.endMs - bar.startMs))}` : ''
  }${bar.error ? ` · ${bar.error}` : ''}`;
  return (
    <button
      type="button"
      className={classNames('timeline-bar', `bar-${bar.status}`, hovered && 'is-hovered')}
      style={placed(bar.startMs, durationMs)}
      title={title}
      data-testid="timeline-bar"
      data-step-id={bar.stepId}
      data-attempt={bar.attempt}
      data-status={bar.status}
      data-worker={bar.worker}
      data-interrupted={bar.interrupted ? 'true' : undefined}
      onMouseEnter={() => useRunUiStore.getState().hover(bar.stepId)}
      onMouseLeave={() => useRunUiStore.getState().hover(null)}
      onFocus={() => useRunUiStore.getState().hover(bar.stepId)}
      onBlur={() => useRunUiStore.getState().hover(null)}
      aria-label={title}
      onClick={() => useRunUiStore.getState().openDrawer(bar.stepId)}
    />
  );
});
