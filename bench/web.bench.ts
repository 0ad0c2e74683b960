/**
 * Web editor benchmark (Playwright driving Debian's Chromium; a measurement, not a timed test).
 * With the built server on a free port and a fresh data directory:
 *  - time to interactive of the editor opening the 1,000-step example: navigation start until
 *    every step node is rendered and measured and the page paints the next frame;
 *  - frame times while dragging one block of it, beside a bare React Flow page (default nodes,
 *    no stores, no minimap) holding the same nodes and edges in the same place. The target is
 *    ours ≤ 1.5× the bare page's p95 frame time.
 * Writes bench/results/web.json. Run after `npm run build`: npm run bench:web
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';

const ROOT = new URL('..', import.meta.url).pathname;
const EXAMPLE = 'examples/large-1000-steps.baton.yaml';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DRAG_MOVES = Number(process.env.BENCH_DRAG_MOVES ?? 120);
const DRAGGED_STAGE = 's05';
/** Two views of the drag: the overview (small text not drawn) and close up (every detail drawn). */
const ZOOMS = [
  { name: 'overview', wheelSteps: 8 },
  { name: 'closeUp', wheelSteps: 8 },
] as const;
const VIEWPORT = { width: 1280, height: 800 };
const TARGET_RATIO = 1.5;

const yaml = readFileSync(join(ROOT, EXAMPLE), 'utf8');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const median = (values: number[]) => percentile(values, 50);
const round = (n: number) => Number(n.toFixed(1));

function freePort(): number {
  return Number(
    execFileSync(process.execPath, [
      '-e',
      "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
    ])
      .toString()
      .trim(),
  );
}

async function startServer(): Promise<{ base: string; child: ChildProcess; dataDir: string }> {
  for (const built of [
    'apps/web/dist/index.html',
    'apps/web/dist/bench-bare.html',
    'packages/cli/dist/main.js',
  ]) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  const port = freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-web-'));
  const child = spawn(
    process.execPath,
    ['packages/cli/bin/baton.js', 'serve', '--port', String(port), '--data-dir', dataDir, '--no-examples'],
    { cwd: ROOT, stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, child, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the server did not start');
}

/** Records the time between animation frames while `recording` is on. */
const FRAME_RECORDER = `
  window.__frames = [];
  window.__record = (on) => {
    window.__recording = on;
    if (!on) return;
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
`;

/** Navigation start → every node measured and visible, then the next painted frame. */
async function timeToInteractive(page: Page, url: string, selector: string, count: number): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    ({ selector, count }) => {
      const nodes = document.querySelectorAll(selector);
      if (nodes.length < count) return false;
      for (const node of nodes) {
        const wrapper = node.closest('.react-flow__node') as HTMLElement | null;
        if (!wrapper || wrapper.style.visibility === 'hidden') return false;
      }
      return true;
    },
    { selector, count },
    { polling: 'raf', timeout: 60_000 },
  );
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
      ),
  );
}

/** The canvas's zoom, from React Flow's viewport transform. */
const zoomOf = (page: Page) =>
  page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement | null;
    return Number(/scale\(([\d.]+)\)/.exec(viewport?.style.transform ?? '')?.[1] ?? 1);
  });

const blockPosition = (page: Page, nodeId: string) =>
  page.evaluate(
    (id) =>
      (document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement | null)?.style.transform ??
      '',
    nodeId,
  );

/**
 * Zoom in on the block the same way on both pages, grab it by its header (the top 46 units) and
 * drag it around in a loop; returns the time between frames during the measured drag.
 */
async function dragFrames(
  page: Page,
  nodeId: string,
  wheelSteps: number,
): Promise<{ frames: number[]; zoom: number }> {
  const block = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  await page.waitForTimeout(600); // the fit-view animation
  const box = await block.boundingBox();
  if (!box) throw new Error(`no ${nodeId}`);
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  for (let i = 0; i < wheelSteps; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(400);
  const zoom = await zoomOf(page);
  let start = { x: 0, y: 0 };
  const drag = async (moves: number) => {
    // Grab the header (the block's top 46 units) where the block is now.
    const now = await block.boundingBox();
    if (!now) throw new Error(`no ${nodeId}`);
    start = { x: now.x + now.width / 2, y: now.y + 20 * zoom };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= moves; i++) {
      const angle = (i / moves) * Math.PI * 2;
      await page.mouse.move(start.x + Math.sin(angle) * 140 + i * 0.5, start.y + (1 - Math.cos(angle)) * 90);
    }
    await page.mouse.up();
  };
  await drag(20); // warm-up (and selects the block)
  const before = await blockPosition(page, nodeId);
  await page.evaluate('window.__record(true)');
  await drag(DRAG_MOVES);
  await page.evaluate('window.__record(false)');
  const after = await blockPosition(page, nodeId);
  if (after === before)
    throw new Error(
      `the drag did not move ${nodeId} on ${page.url()} (at ${JSON.stringify(start)}, zoom ${zoom})`,
    );
  const frames = (await page.evaluate('window.__frames')) as number[];
  return { frames: frames.slice(1), zoom }; // the first delta spans the recorder's start
}

type Zoomed = Record<(typeof ZOOMS)[number]['name'], { frames: number[]; zoom: number }>;

/** Drag at each zoom in turn, zooming further in between (as a person looking closer would). */
async function dragAtZooms(page: Page, nodeId: string): Promise<Zoomed> {
  const out = {} as Zoomed;
  for (const z of ZOOMS) out[z.name] = await dragFrames(page, nodeId, z.wheelSteps);
  return out;
}

async function measure(browser: Browser, base: string, id: string) {
  const empty = () => ({
    tti: [] as number[],
    overview: [] as number[],
    closeUp: [] as number[],
    zooms: {} as Record<string, number>,
  });
  const ours = empty();
  const bare = empty();
  const collect = (into: ReturnType<typeof empty>, zoomed: Zoomed) => {
    for (const z of ZOOMS) {
      into[z.name].push(...zoomed[z.name].frames);
      into.zooms[z.name] = Math.round(zoomed[z.name].zoom * 100) / 100;
    }
  };
  let nodeCount = 0;
  for (let run = 0; run < RUNS; run++) {
    {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(FRAME_RECORDER);
      const page = await context.newPage();
      ours.tti.push(await timeToInteractive(page, `${base}/o/${id}`, '[data-step-id]', 1000));
      nodeCount = await page.locator('.react-flow__node').count();
      collect(ours, await dragAtZooms(page, `stage:${DRAGGED_STAGE}`));
      await context.close();
    }
    {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(FRAME_RECORDER);
      await context.addInitScript(`window.BENCH_YAML = ${JSON.stringify(yaml)};`);
      const page = await context.newPage();
      bare.tti.push(
        await timeToInteractive(page, `${base}/bench-bare.html`, '.react-flow__node-default', 1000),
      );
      const bareCount = await page.locator('.react-flow__node').count();
      if (bareCount !== nodeCount)
        throw new Error(`the bare page has ${bareCount} nodes, the editor ${nodeCount}`);
      collect(bare, await dragAtZooms(page, `stage:${DRAGGED_STAGE}`));
      await context.close();
    }
    console.log(
      `run ${run + 1}/${RUNS}: TTI ours ${round(ours.tti.at(-1) ?? 0)} ms, bare ${round(bare.tti.at(-1) ?? 0)} ms`,
    );
  }
  return { ours, bare, nodeCount };
}

const summary = (frames: number[]) => ({
  frames: frames.length,
  p50Ms: round(percentile(frames, 50)),
  p95Ms: round(percentile(frames, 95)),
  maxMs: round(Math.max(...frames)),
  /** Frames that missed a 60 Hz refresh (took two or more). */
  droppedPct: round((100 * frames.filter((f) => f > 20).length) / Math.max(1, frames.length)),
});

const server = await startServer();
let browser: Browser | null = null;
try {
  const created = await fetch(`${server.base}/api/orchestrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ yaml }),
  });
  if (created.status !== 201) throw new Error(`could not store the example: ${created.status}`);
  const { id } = (await created.json()) as { id: string };
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const { ours, bare, nodeCount } = await measure(browser, server.base, id);
  const drag = Object.fromEntries(
    ZOOMS.map((z) => {
      const editor = summary(ours[z.name]);
      const bareReactFlow = summary(bare[z.name]);
      return [
        z.name,
        {
          zoom: ours.zooms[z.name],
          editor,
          bareReactFlow,
          p95Ratio: Number((editor.p95Ms / bareReactFlow.p95Ms).toFixed(2)),
        },
      ];
    }),
  ) as Record<(typeof ZOOMS)[number]['name'], { p95Ratio: number }>;
  const ratio = Math.max(...ZOOMS.map((z) => drag[z.name].p95Ratio));
  const result = {
    benchmark: 'web editor: 1,000-step example',
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      browser: `Chromium ${browser.version()}`,
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
      ...drag,
      p95Ratio: ratio,
      target: `editor p95 ≤ ${TARGET_RATIO}× the bare page's, at every zoom`,
      meetsTarget: ratio <= TARGET_RATIO,
    },
  };
  writeFileSync(join(ROOT, 'bench/results/web.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser?.close();
  server.child.kill();
  rmSync(server.dataDir, { recursive: true, force: true });
}
