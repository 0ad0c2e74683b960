/**
 * Frame cost while a 1,000-step run animates, in the uncapped browser: the editor's live run
 * view beside the bare React Flow page following an identical run (`?run=`, a class per
 * status, one setNodes per frame). Each page gets its own run of the gated example at the same
 * speed, so both animate the same events at the same pace with the same server work beside.
 */
import type { Browser, Page } from '@playwright/test';
import { stepStatusOf } from '../../apps/web/src/bench/eventStatus.js';
import {
  DAMAGE_EVERY_FRAME,
  eventLog,
  FRAME_RECORDER,
  percentile,
  RUN_VIEWPORT,
  ratio,
  round,
  runEnded,
  startRun,
  stepIdsOf,
  storeOrchestration,
} from './common.js';
import { startBusyTrace } from './mainThread.js';
import { eventRate, waitLiveEditor } from './statusLatency.js';
import { gatedYaml } from './workloads.js';

/** The example's run lasts ~8 s at this speed, ~460 events/s on average, in bursts. */
export const RUN_SPEED = 6;

type Frame = { rect: { top: number; left: number; width: number; height: number } };

async function waitLiveBare(page: Page, steps: number) {
  await page.waitForFunction(
    (steps) =>
      document.querySelectorAll('.react-flow__node-default').length >= steps &&
      document.querySelector('.react-flow__node.status-running') !== null,
    steps,
    { polling: 'raf', timeout: 60_000 },
  );
}

/** Resolves when the gate step (the plan's first) has succeeded: the measured part begins. */
async function gateEnded(base: string, runId: string, gateStep: string) {
  for (;;) {
    const run = (await (await fetch(`${base}/api/runs/${runId}`)).json()) as {
      steps?: Record<string, { status: string }>;
    };
    if (run.steps?.[gateStep]?.status === 'succeeded') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Follow one run on one page; the frames that began between the gate's end and the run's last event. */
async function follow(
  browser: Browser,
  base: string,
  orchestrationId: string,
  page: 'editor' | 'bare',
  yaml: string,
  frame: Frame['rect'] | undefined,
  trace: boolean,
) {
  const steps = stepIdsOf(yaml);
  const runId = await startRun(base, orchestrationId, RUN_SPEED);
  const context = await browser.newContext({ viewport: RUN_VIEWPORT });
  await context.addInitScript(FRAME_RECORDER);
  await context.addInitScript(DAMAGE_EVERY_FRAME);
  if (page === 'bare') {
    await context.addInitScript(
      `window.BENCH_YAML = ${JSON.stringify(yaml)}; window.BENCH_FRAME = ${JSON.stringify(frame)};`,
    );
  }
  const tab = await context.newPage();
  if (page === 'editor') {
    await tab.goto(`${base}/o/${orchestrationId}/runs/${runId}`, { waitUntil: 'commit' });
    await waitLiveEditor(tab, steps.length);
  } else {
    await tab.goto(`${base}/bench-bare.html?run=${runId}`, { waitUntil: 'commit' });
    await waitLiveBare(tab, steps.length);
  }
  const liveAt = (await tab.evaluate('Date.now()')) as number;
  await tab.evaluate('window.__record(true)');
  await gateEnded(base, runId, steps[0] as string);
  const stopTrace = trace ? await startBusyTrace(tab) : null;
  await runEnded(base, runId);
  const busy = (await stopTrace?.()) ?? [];
  await tab.waitForTimeout(300);
  await tab.evaluate('window.__record(false)');
  const deltas = ((await tab.evaluate('window.__frames')) as number[]).slice(1);
  const at = ((await tab.evaluate('window.__frameAt')) as number[]).slice(1);
  const rect = (await tab.evaluate(`(() => {
    const r = document.querySelector('.react-flow').getBoundingClientRect();
    return { top: r.top, left: r.left, width: r.width, height: r.height };
  })()`)) as Frame['rect'];
  // Every step ends as its last event says: the page animated the whole run.
  const final = (await tab.evaluate(
    page === 'editor'
      ? `Object.fromEntries([...document.querySelectorAll('.react-flow__node [data-step-id]')].map((el) => [el.getAttribute('data-step-id'), el.getAttribute('data-status')]))`
      : `Object.fromEntries([...document.querySelectorAll('.react-flow__node-default')].map((el) => [el.getAttribute('data-id'), (/status-(\\w+)/.exec(el.className) || [])[1] || 'idle']))`,
  )) as Record<string, string>;
  await context.close();
  const events = await eventLog(base, runId);
  const { from, to, rate } = eventRate(events);
  if (liveAt >= from) throw new Error(`the ${page} page was live only after the gate ended`);
  const last = new Map<string, string>();
  for (const e of events) {
    const s = stepStatusOf(e);
    if (s && e.stepId) last.set(e.stepId, s);
  }
  const wrong = steps.filter((id) => (last.get(id) ?? 'idle') !== final[id]);
  if (wrong.length) throw new Error(`${page}: ${wrong.length} steps end with the wrong status (${wrong[0]})`);
  const frames = deltas.filter((_, i) => (at[i] as number) >= from && (at[i] as number) <= to);
  return { frames, busy, rect, rate, seconds: (to - from) / 1000 };
}

export const busyStats = (busy: number[]) => ({
  frames: busy.length,
  p50Ms: round(percentile(busy, 50)),
  p95Ms: round(percentile(busy, 95)),
  maxMs: round(Math.max(...busy)),
});

const frameStats = (frames: number[], seconds: number) => ({
  frames: frames.length,
  framesPerSecond: Math.round(frames.length / seconds),
  p50Ms: round(percentile(frames, 50)),
  p95Ms: round(percentile(frames, 95)),
  maxMs: round(Math.max(...frames)),
});

/**
 * `repeats` rounds, each: the editor follows a run, then the bare page follows another. The
 * time between frames comes from untraced rounds, the busy time per frame from traced rounds
 * (tracing costs time of its own): with `repeats` 2, one of each.
 */
export async function measureRunFrames(browser: Browser, base: string, exampleYaml: string, repeats: number) {
  const yaml = gatedYaml(exampleYaml, RUN_SPEED);
  const id = await storeOrchestration(base, yaml);
  const pages = {
    editor: { frames: [] as number[], busy: [] as number[], seconds: 0 },
    bare: { frames: [] as number[], busy: [] as number[], seconds: 0 },
  };
  const rates: unknown[] = [];
  let rect: Frame['rect'] | undefined;
  for (let i = 0; i < repeats; i++) {
    const trace = repeats > 1 && i % 2 === 1;
    const ours = await follow(browser, base, id, 'editor', yaml, undefined, trace);
    rect = ours.rect;
    const theirs = await follow(browser, base, id, 'bare', yaml, rect, trace);
    for (const [into, got] of [
      [pages.editor, ours],
      [pages.bare, theirs],
    ] as const) {
      if (trace) into.busy.push(...got.busy);
      else {
        into.frames.push(...got.frames);
        into.seconds += got.seconds;
      }
    }
    rates.push({ traced: trace, editorRun: ours.rate, bareRun: theirs.rate });
    console.log(
      trace
        ? `run animation ${i + 1}/${repeats} (traced): busy per frame p95 editor ${round(percentile(ours.busy, 95))} ms, bare ${round(percentile(theirs.busy, 95))} ms`
        : `run animation ${i + 1}/${repeats}: time between frames p95 editor ${round(percentile(ours.frames, 95))} ms, bare ${round(percentile(theirs.frames, 95))} ms`,
    );
  }
  const summary = (p: (typeof pages)['editor']) => ({
    frameIntervals: frameStats(p.frames, p.seconds),
    busyPerFrame: busyStats(p.busy),
  });
  const editor = summary(pages.editor);
  const bare = summary(pages.bare);
  return {
    editor,
    bare,
    frameIntervalRatio: {
      p50: ratio(editor.frameIntervals.p50Ms, bare.frameIntervals.p50Ms),
      p95: ratio(editor.frameIntervals.p95Ms, bare.frameIntervals.p95Ms),
    },
    busyPerFrameRatio: {
      p50: ratio(editor.busyPerFrame.p50Ms, bare.busyPerFrame.p50Ms),
      p95: ratio(editor.busyPerFrame.p95Ms, bare.busyPerFrame.p95Ms),
    },
    canvas: rect,
    rates,
  };
}
