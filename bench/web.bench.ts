/**
 * Web editor benchmark (Playwright driving Debian's Chromium; a measurement, not a timed test).
 * With the built server on a free port and a fresh data directory:
 *  - time to interactive of the editor opening the 1,000-step example: navigation start until
 *    every step node is rendered and measured and the page paints the next frame;
 *  - frame times while dragging one block of it, beside a bare React Flow page (default nodes,
 *    no stores, no minimap) holding the same nodes and edges in the same place. The target is
 *    ours ≤ 1.5× the bare page's p95 frame time;
 *  - the latency from a run event leaving the server to the step node's data-status changing,
 *    at ~500 events/s (target p95 < 100 ms), bench/web/statusLatency.ts;
 *  - uncapped (a second browser without the 60 Hz frame limit): frame times of the same drag,
 *    and while a 1,000-step run animates, each beside the bare page, bench/web/runFrames.ts.
 * Writes bench/results/web.json. Run after `npm run build`: npm run bench:web (which first builds
 * the web app with the bare page beside it into apps/web/dist-bench, the folder it serves)
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import {
  frameSummary,
  launchChromium,
  median,
  percentile,
  ROOT,
  RUN_VIEWPORT,
  ratio,
  round,
  startServer,
  storeOrchestration,
} from './web/common.js';
import { DRAG_MOVES, DRAGGED_STAGE, idleFrames, measure, ZOOMS } from './web/editorVsBare.js';
import { measureRunFrames, RUN_SPEED } from './web/runFrames.js';
import { measureStatusLatency } from './web/statusLatency.js';

const EXAMPLE = 'examples/large-1000-steps.baton.yaml';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Drags in the uncapped browser (each: both pages, both zooms), traced. */
const UNCAPPED_RUNS = Number(process.env.BENCH_UNCAPPED_RUNS ?? 1);
/** Runs of the 1,000-step example followed by each page in the uncapped browser (untraced, traced, …). */
const RUN_REPEATS = Number(process.env.BENCH_RUN_REPEATS ?? 2);
const TARGET_RATIO = 1.5;
const UNCAPPED_FLAGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

const yaml = readFileSync(join(ROOT, EXAMPLE), 'utf8');

type Frames = Record<(typeof ZOOMS)[number]['name'], number[]> & { zooms: Record<string, number> };
type Summary = { p50Ms: number; p95Ms: number };

/** p50 and p95 of both pages at each zoom, from `measure`'s frames. */
function dragSummary(ours: Frames, bare: Frames, summary: (frames: number[]) => Summary) {
  const drag = {} as Record<
    (typeof ZOOMS)[number]['name'],
    { zoom: number | undefined; editor: Summary; bareReactFlow: Summary; p50Ratio: number; p95Ratio: number }
  >;
  for (const z of ZOOMS) {
    const editor = summary(ours[z.name]);
    const bareReactFlow = summary(bare[z.name]);
    drag[z.name] = {
      zoom: ours.zooms[z.name],
      editor,
      bareReactFlow,
      p50Ratio: ratio(editor.p50Ms, bareReactFlow.p50Ms),
      p95Ratio: ratio(editor.p95Ms, bareReactFlow.p95Ms),
    };
  }
  return { drag, p95Ratio: Math.max(...ZOOMS.map((z) => drag[z.name].p95Ratio)) };
}

const uncappedSummary = (frames: number[]) => ({
  frames: frames.length,
  p50Ms: round(percentile(frames, 50)),
  p95Ms: round(percentile(frames, 95)),
  maxMs: round(Math.max(...frames)),
});

const server = await startServer();
let browser: Browser | null = null;
let uncapped: Browser | null = null;
try {
  const id = await storeOrchestration(server.base, yaml);
  browser = await launchChromium();
  const { ours, bare, nodeCount } = await measure(browser, server.base, id, yaml, RUNS, 'run');
  const capped = dragSummary(ours, bare, frameSummary);
  const statusLatency = await measureStatusLatency(browser, server.base);
  await browser.close();
  browser = null;

  uncapped = await launchChromium(UNCAPPED_FLAGS);
  const idle = uncappedSummary(await idleFrames(uncapped, server.base, yaml));
  if (idle.p50Ms > 12) console.warn(`frames at rest take ${idle.p50Ms} ms: the frame rate is still capped`);
  const fast = await measure(uncapped, server.base, id, yaml, UNCAPPED_RUNS, 'uncapped drag (traced)', true);
  const uncappedDrag = dragSummary(fast.ours, fast.bare, uncappedSummary);
  const busyDrag = dragSummary(
    { ...fast.ours.busy, zooms: fast.ours.zooms },
    { ...fast.bare.busy, zooms: fast.bare.zooms },
    uncappedSummary,
  );
  const running = await measureRunFrames(uncapped, server.base, yaml, RUN_REPEATS);
  const result = {
    benchmark: 'web editor: 1,000-step example',
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      browser: `Chromium ${uncapped.version()}`,
    },
    example: EXAMPLE,
    reactFlowNodes: nodeCount,
    runs: RUNS,
    timeToInteractiveMs: {
      definition:
        'navigation start until every step node is rendered and measured, plus the next painted frame (median of runs)',
      editor: round(median(ours.tti)),
      bareReactFlow: round(median(bare.tti)),
      editorRuns: ours.tti.map(round),
      bareRuns: bare.tti.map(round),
    },
    dragFrameTimesMs: {
      definition: `time between animation frames while dragging block ${DRAGGED_STAGE} (50 steps) by ${DRAG_MOVES} pointer moves; zoomed in the same way on both pages, first to an overview, then close up`,
      ...capped.drag,
      p95Ratio: capped.p95Ratio,
      target: `editor p95 ≤ ${TARGET_RATIO}× the bare page's, at every zoom`,
      meetsTarget: capped.p95Ratio <= TARGET_RATIO,
    },
    eventToStatusLatency: statusLatency,
    uncapped: {
      definition: `a second headless Chromium launched with ${UNCAPPED_FLAGS.join(' ')}, so frames are not held to 60 Hz; each page against the bare React Flow page in the same run. Two measures: the time between animation frames (what a frame costs when frames follow each other as fast as the page can make them), and the renderer main thread's busy time per frame from a Chromium trace (bench/web/mainThread.ts: time in tasks since the previous AnimationFrame ended), which leaves out waiting and so still shows a frame's cost when frames are paced by input, as in a drag`,
      idleFrameIntervalsMs: {
        definition:
          'the bare page at rest: the floor, and the check that frames are really uncapped (well under 16.7 ms)',
        ...idle,
        uncapped: idle.p50Ms < 12,
      },
      dragMs: {
        definition: `the drag of dragFrameTimesMs (block ${DRAGGED_STAGE}, ${DRAG_MOVES} pointer moves, overview then close up), ${UNCAPPED_RUNS} run(s), traced. The time between frames stays near 17 ms on both pages: Playwright's pointer moves, one per round trip, pace the frames, so the busy time per frame is the measure here`,
        busyPerFrame: { ...busyDrag.drag, p95Ratio: busyDrag.p95Ratio },
        frameIntervals: { ...uncappedDrag.drag, p95Ratio: uncappedDrag.p95Ratio },
      },
      runAnimationMs: {
        definition: `each page follows its own run of the 1,000-step example at speed ${RUN_SPEED} (a gate step before it, so the whole run reaches a page already live; frames from the gate's end to the run's last event), in a ${RUN_VIEWPORT.width}×${RUN_VIEWPORT.height} window so the run view's canvas holds every step node at its fit zoom. The editor's live run view (/o/:id/runs/:runId, fit) against the bare page with the same nodes in a box of the same size and place following the run's SSE stream (one setNodes per animation frame giving the changed nodes a class per status, apps/web/src/bench/useBareRunStatuses.ts). Time between frames from untraced rounds, busy time per frame from traced ones (${RUN_REPEATS} rounds). Each run has its own pace: a page that keeps the 2 cores busy slows the server's simulated agents too, see eventRates`,
        editor: running.editor,
        bareReactFlow: running.bare,
        frameIntervalRatio: running.frameIntervalRatio,
        busyPerFrameRatio: running.busyPerFrameRatio,
        canvas: running.canvas,
        eventRates: running.rates,
      },
    },
  };
  writeFileSync(join(ROOT, 'bench/results/web.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser?.close();
  await uncapped?.close();
  server.child.kill();
  if (server.child.exitCode === null) await new Promise((r) => server.child.once('exit', r));
  rmSync(server.dataDir, { recursive: true, force: true, maxRetries: 3 });
}
