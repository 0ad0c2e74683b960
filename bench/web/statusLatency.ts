/**
 * Event → `data-status` latency: a run of the steady workload (~500 events/s) shown live in the
 * editor; in the page, a MutationObserver notes `Date.now()` of every step node's `data-status`
 * change, and a listener on the EventSource notes when each event arrived. Joined afterwards
 * with the run's log by (step, the status its event leads to): latency = change − event `ts`.
 */
import type { RunEvent } from '@baton/core';
import type { Browser, Page } from '@playwright/test';
import { stepStatusOf } from '../../apps/web/src/bench/eventStatus.js';
import {
  eventLog,
  FRAME_RECORDER,
  listenToRun,
  percentile,
  round,
  runEnded,
  startRun,
  stepIdsOf,
  storeOrchestration,
  VIEWPORT,
} from './common.js';
import { GATE_STAGE, STEADY_CHAIN_LENGTH, STEADY_CHAINS, STEADY_STEP_MS, steadyYaml } from './workloads.js';

export const TARGET_P95_MS = 100;

/**
 * In the page from its first script: `__statusChanges` [stepId, new status, Date.now()] of every
 * step node (inside the canvas) whose `data-status` changes, and `__arrivals` [seq, Date.now()]
 * of every SSE message, noted before the app's own handler sees it.
 */
export const STATUS_RECORDER = `
  window.__statusChanges = [];
  new MutationObserver((records) => {
    const t = Date.now();
    // One element may change twice between two callbacks: its new value is the next record's old one.
    const seen = new Map();
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i];
      const el = r.target;
      const now = seen.has(el) ? seen.get(el) : el.getAttribute('data-status');
      seen.set(el, r.oldValue);
      const id = el.getAttribute('data-step-id');
      if (!id || now === r.oldValue || !el.closest('.react-flow__node')) continue;
      window.__statusChanges.push([id, now, t]);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'], attributeOldValue: true });
  window.__arrivals = [];
  const NativeEventSource = window.EventSource;
  window.EventSource = class extends NativeEventSource {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (m) => window.__arrivals.push([Number(m.lastEventId), Date.now()]));
    }
  };
`;

/**
 * The run view at its fit zoom (the toolbar's Fit once the run's bottom bar has taken its room),
 * every step node rendered, and the run's replay folded (something shows as running).
 */
export async function waitLiveEditor(page: Page, steps: number): Promise<number> {
  await page.locator('.run-bottom').waitFor({ timeout: 60_000 });
  await page.locator('.react-flow__node [data-step-id]').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.waitForFunction(
    (steps) =>
      document.querySelectorAll('.react-flow__node [data-step-id]').length >= steps &&
      document.querySelector('.react-flow__node [data-step-id][data-status="running"]') !== null,
    steps,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await page.evaluate('Date.now()')) as number;
}

const stats = (values: number[]) => ({
  p50Ms: round(percentile(values, 50)),
  p95Ms: round(percentile(values, 95)),
  p99Ms: round(percentile(values, 99)),
  maxMs: round(Math.max(...values)),
  minMs: round(Math.min(...values)),
});

/** Events per second of the part after the gate, overall and per whole second. */
export function eventRate(events: RunEvent[]) {
  const gateEnd = events.find((e) => e.type === 'stage.succeeded' && e.stageId === GATE_STAGE);
  const measured = events.filter((e) => e.seq > (gateEnd?.seq ?? 0));
  const ts = measured.map((e) => Date.parse(e.ts));
  const first = ts[0] ?? 0;
  const seconds = ((ts.at(-1) ?? 0) - first) / 1000;
  const perSecond: number[] = [];
  for (const t of ts) {
    const s = Math.floor((t - first) / 1000);
    perSecond[s] = (perSecond[s] ?? 0) + 1;
  }
  const whole = perSecond.slice(0, Math.floor(seconds)).map((n) => n ?? 0);
  return {
    from: gateEnd ? Date.parse(gateEnd.ts) : first,
    to: ts.at(-1) ?? 0,
    rate: {
      events: measured.length,
      seconds: round(seconds),
      eventsPerSecond: Math.round(measured.length / seconds),
      statusEventsPerSecond: Math.round(measured.filter((e) => stepStatusOf(e)).length / seconds),
      perWholeSecond: whole,
      peakPer100Ms: Math.max(
        ...Object.values(
          ts.reduce<Record<number, number>>((acc, t) => {
            const b = Math.floor((t - first) / 100);
            acc[b] = (acc[b] ?? 0) + 1;
            return acc;
          }, {}),
        ),
      ),
    },
  };
}

export async function measureStatusLatency(browser: Browser, base: string) {
  const yaml = steadyYaml();
  const steps = stepIdsOf(yaml).length;
  const id = await storeOrchestration(base, yaml);
  const runId = await startRun(base, id, 1);
  const onTheWire = listenToRun(base, runId);
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(STATUS_RECORDER);
  await context.addInitScript(FRAME_RECORDER);
  const page = await context.newPage();
  const opened = Date.now();
  await page.goto(`${base}/o/${id}/runs/${runId}`, { waitUntil: 'commit' });
  const liveAt = await waitLiveEditor(page, steps);
  await page.evaluate('window.__record(true)');
  const status = await runEnded(base, runId);
  await page.waitForTimeout(500); // the last events' frames
  await page.evaluate('window.__record(false)');
  const frameGaps = ((await page.evaluate('window.__frames')) as number[]).slice(1);
  const frameAt = ((await page.evaluate('window.__frameAt')) as number[]).slice(1);
  const changes = (await page.evaluate('window.__statusChanges')) as [string, string, number][];
  const arrivals = new Map((await page.evaluate('window.__arrivals')) as [number, number][]);
  const finalDom = (await page.evaluate(
    `Object.fromEntries([...document.querySelectorAll('.react-flow__node [data-step-id]')].map((el) => [el.getAttribute('data-step-id'), el.getAttribute('data-status')]))`,
  )) as Record<string, string>;
  await context.close();
  const events = await eventLog(base, runId);
  const wire = await onTheWire;
  const { from, to, rate } = eventRate(events);
  if (liveAt >= from) {
    throw new Error(`the page was live only ${liveAt - from} ms after the gate ended: lengthen the gate`);
  }

  // Each (step, status)'s DOM changes after the page was live, in order; the k-th live event of
  // a (step, status) is drawn by its k-th change.
  const drawn = new Map<string, number[]>();
  for (const [stepId, s, t] of changes) {
    if (t <= liveAt) continue;
    const key = `${stepId}\n${s}`;
    const list = drawn.get(key);
    if (list) list.push(t);
    else drawn.set(key, [t]);
  }
  const latencies: number[] = [];
  const toBench: number[] = [];
  const transport: number[] = [];
  const inPage: number[] = [];
  const notDrawn: Record<string, number> = {};
  let live = 0;
  const finalOf = new Map<string, string>();
  for (const e of events) {
    const s = stepStatusOf(e);
    if (!s || !e.stepId) continue;
    finalOf.set(e.stepId, s);
    const ts = Date.parse(e.ts);
    if (ts <= liveAt) continue; // replayed on page open
    live++;
    const t = drawn.get(`${e.stepId}\n${s}`)?.shift();
    if (t === undefined) {
      notDrawn[e.type] = (notDrawn[e.type] ?? 0) + 1;
      continue;
    }
    latencies.push(t - ts);
    const read = wire.get(e.seq);
    if (read !== undefined) toBench.push(read - ts);
    const arrived = arrivals.get(e.seq);
    if (arrived !== undefined) {
      transport.push(arrived - ts);
      inPage.push(t - arrived);
    }
  }
  const wrongAtEnd = Object.entries(finalDom).filter(([id, s]) => (finalOf.get(id) ?? 'idle') !== s);
  if (wrongAtEnd.length) {
    throw new Error(`${wrongAtEnd.length} nodes end with the wrong status, e.g. ${wrongAtEnd[0]?.join(' ')}`);
  }
  const latency = stats(latencies);
  console.log(
    `status latency: ${rate.eventsPerSecond} events/s, p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms, max ${latency.maxMs} ms (${latencies.length} changes)`,
  );
  return {
    definition:
      "time from an event leaving the server to the step node's data-status changing in the editor's live run view (/o/:id/runs/:runId at its fit zoom, every step node rendered, in the 60 Hz browser). " +
      "Leaving the server = the event's ts, set by the engine when it makes the event; the server stores it and writes it to the SSE stream in the same turn or the next (events are batched per setImmediate, settling ones written at once), so ts is within a millisecond or so of the write. " +
      'The change = Date.now() in a MutationObserver on data-status (the React commit; the paint follows in the same frame). Joined by (stepId, the status the event leads to: step.queued→queued, step.started→running, step.retrying→retrying, step.succeeded→succeeded or reused, step.failed→failed, step.skipped→skipped, step.cancelled→cancelled), the k-th such event with the k-th such change. ' +
      'Same machine, same clock (1 ms granularity). Only events made after the page was open and live count: the run starts with a gate step that waits 10 s, the page opens during it, and the events replayed on open are left out.',
    workload: `${STEADY_CHAINS} sequential chains of ${STEADY_CHAIN_LENGTH} simulated steps (${STEADY_STEP_MS} ms ± 50 %) after a 10 s gate step, bench/web/workloads.ts; speed 1. The 1,000-step example cannot give ~500 events/s steadily: its parallel stages queue 50 steps at once (bursts of 1,000+ events/s, then tens per second in its sequential stages)`,
    run: { status, steps },
    /** Navigation until every step node is drawn and the replayed state shows (the gate running). */
    pageLiveAfterMs: liveAt - opened,
    ...rate,
    statusEvents: live,
    drawn: latencies.length,
    /** Statuses that never reached the DOM: a later event of the same step came in the same frame. */
    notDrawn,
    latencyMs: latency,
    /** Event ts → read from the same stream by the bench process (Node): the server's part. */
    toBenchProcessMs: stats(toBench),
    /** Event ts → the EventSource message in the page (server write, loopback, the browser's network stack). */
    toPageMs: stats(transport),
    /** The message in the page → data-status changed (the wait for the next animation frame, fold, React commit). */
    inPageMs: stats(inPage),
    /** The editor's frames meanwhile (between the gate's end and the last event), 60 Hz at best. */
    editorFrameIntervalsMs: {
      ...stats(frameGaps.filter((_, i) => (frameAt[i] as number) >= from && (frameAt[i] as number) <= to)),
      minMs: undefined,
    },
    target: `p95 < ${TARGET_P95_MS} ms`,
    meetsTarget: latency.p95Ms < TARGET_P95_MS,
  };
}
