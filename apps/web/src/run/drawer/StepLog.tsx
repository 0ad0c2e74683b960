import type { StepLogData } from '@baton/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

const ROW_PX = 18;

/**
 * A step's log, virtualised: only the lines in view are in the DOM, so a log of 100,000 lines
 * scrolls as fast as one of ten. It follows the end while the person has not scrolled up.
 */
export function StepLog({ lines }: { lines: readonly StepLogData[] }) {
  const parent = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
  });
  useEffect(() => {
    if (stick.current && lines.length) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, virtualizer]);
  if (!lines.length) return <p className="drawer-empty">No log lines (yet).</p>;
  return (
    <div
      ref={parent}
      className="step-log"
      data-testid="step-log"
      data-lines={lines.length}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_PX * 2;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const line = lines[row.index] as StepLogData;
          return (
            <div
              key={row.key}
              className={`log-line log-${line.stream}`}
              style={{
                position: 'absolute',
                top: 0,
                transform: `translateY(${row.start}px)`,
                height: ROW_PX,
              }}
            >
              {line.line}
            </div>
          );
        })}
      </div>
    </div>
  );
}
