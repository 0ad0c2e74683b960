/**
 * The renderer main thread's busy time per frame, from a Chromium trace (categories `toplevel`
 * and `devtools.timeline`): the frames are the page's `AnimationFrame` spans, and a frame's busy
 * time is the time the main thread spent in tasks (`ThreadControllerImpl::RunTask`) since the
 * previous frame ended. Unlike the time between frames it leaves out time spent waiting (for
 * input, for the next event), so it is the work a frame costs even when frames are paced.
 */
import type { CDPSession, Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

export async function startBusyTrace(page: Page): Promise<() => Promise<number[]>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    return busyPerFrame(events);
  };
}

function busyPerFrame(events: TraceEvent[]): number[] {
  // The page's renderer: the one whose main thread ended the most animation frames.
  const mains = new Map<number, number>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mains.set(e.pid, e.tid);
  }
  const ends = new Map<number, number[]>();
  for (const e of events) {
    if (e.name === 'AnimationFrame' && e.ph === 'e' && mains.has(e.pid)) {
      const list = ends.get(e.pid) ?? [];
      list.push(e.ts);
      ends.set(e.pid, list);
    }
  }
  const [pid, frameEnds] = [...ends].sort((a, b) => b[1].length - a[1].length)[0] ?? [0, []];
  const tid = mains.get(pid);
  const tasks = events
    .filter(
      (e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask',
    )
    .sort((a, b) => a.ts - b.ts);
  frameEnds.sort((a, b) => a - b);
  // Tasks may nest (a nested run loop): count the time covered, once.
  const spans: [number, number][] = [];
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const last = spans.at(-1);
    if (last && task.ts <= last[1]) last[1] = Math.max(last[1], end);
    else spans.push([task.ts, end]);
  }
  const busy: number[] = [];
  let k = 0;
  for (let i = 1; i < frameEnds.length; i++) {
    const from = frameEnds[i - 1] as number;
    const to = frameEnds[i] as number;
    let sum = 0;
    while (k < spans.length && (spans[k] as [number, number])[1] <= from) k++;
    for (let j = k; j < spans.length && (spans[j] as [number, number])[0] < to; j++) {
      const [a, b] = spans[j] as [number, number];
      sum += Math.min(to, b) - Math.max(from, a);
    }
    busy.push(sum / 1000);
  }
  return busy;
}
