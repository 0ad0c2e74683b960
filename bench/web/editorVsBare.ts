/**
 * The editor beside the bare React Flow page, opening and dragging the 1,000-step example: time
 * to interactive, and the time between frames while dragging one block, at two zooms.
 */
import type { Browser, Page } from '@playwright/test';
import { DAMAGE_EVERY_FRAME, FRAME_RECORDER, round, VIEWPORT } from './common.js';
import { startBusyTrace } from './mainThread.js';

const DRAG_MOVES = Number(process.env.BENCH_DRAG_MOVES ?? 120);
export const DRAGGED_STAGE = 's05';
export { DRAG_MOVES };
/** Two views of the drag: the overview (small text not drawn) and close up (every detail drawn). */
export const ZOOMS = [
  { name: 'overview', wheelSteps: 8 },
  { name: 'closeUp', wheelSteps: 8 },
] as const;

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
  trace: boolean,
): Promise<{ frames: number[]; busy: number[]; zoom: number }> {
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
  const stopTrace = trace ? await startBusyTrace(page) : null;
  await page.evaluate('window.__record(true)');
  await drag(DRAG_MOVES);
  await page.evaluate('window.__record(false)');
  const busy = (await stopTrace?.()) ?? [];
  const after = await blockPosition(page, nodeId);
  if (after === before)
    throw new Error(
      `the drag did not move ${nodeId} on ${page.url()} (at ${JSON.stringify(start)}, zoom ${zoom})`,
    );
  const frames = (await page.evaluate('window.__frames')) as number[];
  return { frames: frames.slice(1), busy, zoom }; // the first delta spans the recorder's start
}

type Zoomed = Record<(typeof ZOOMS)[number]['name'], { frames: number[]; busy: number[]; zoom: number }>;

/** Drag at each zoom in turn, zooming further in between (as a person looking closer would). */
async function dragAtZooms(page: Page, nodeId: string, trace: boolean): Promise<Zoomed> {
  const out = {} as Zoomed;
  for (const z of ZOOMS) out[z.name] = await dragFrames(page, nodeId, z.wheelSteps, trace);
  return out;
}

export async function measure(
  browser: Browser,
  base: string,
  id: string,
  yaml: string,
  runs: number,
  label: string,
  /** The uncapped browser: trace the drags, and draw something on every frame. */
  uncapped = false,
) {
  const trace = uncapped;
  const empty = () => ({
    tti: [] as number[],
    overview: [] as number[],
    closeUp: [] as number[],
    zooms: {} as Record<string, number>,
    /** Main-thread busy time per frame (traced drags only). */
    busy: { overview: [] as number[], closeUp: [] as number[] },
  });
  const ours = empty();
  const bare = empty();
  const collect = (into: ReturnType<typeof empty>, zoomed: Zoomed) => {
    for (const z of ZOOMS) {
      into[z.name].push(...zoomed[z.name].frames);
      into.busy[z.name].push(...zoomed[z.name].busy);
      into.zooms[z.name] = Math.round(zoomed[z.name].zoom * 100) / 100;
    }
  };
  let nodeCount = 0;
  for (let run = 0; run < runs; run++) {
    {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(FRAME_RECORDER);
      if (uncapped) await context.addInitScript(DAMAGE_EVERY_FRAME);
      const page = await context.newPage();
      ours.tti.push(await timeToInteractive(page, `${base}/o/${id}`, '[data-step-id]', 1000));
      nodeCount = await page.locator('.react-flow__node').count();
      collect(ours, await dragAtZooms(page, `stage:${DRAGGED_STAGE}`, trace));
      await context.close();
    }
    {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(FRAME_RECORDER);
      if (uncapped) await context.addInitScript(DAMAGE_EVERY_FRAME);
      await context.addInitScript(`window.BENCH_YAML = ${JSON.stringify(yaml)};`);
      const page = await context.newPage();
      bare.tti.push(
        await timeToInteractive(page, `${base}/bench-bare.html`, '.react-flow__node-default', 1000),
      );
      const bareCount = await page.locator('.react-flow__node').count();
      if (bareCount !== nodeCount)
        throw new Error(`the bare page has ${bareCount} nodes, the editor ${nodeCount}`);
      collect(bare, await dragAtZooms(page, `stage:${DRAGGED_STAGE}`, trace));
      await context.close();
    }
    console.log(
      `${label} ${run + 1}/${runs}: TTI ours ${round(ours.tti.at(-1) ?? 0)} ms, bare ${round(bare.tti.at(-1) ?? 0)} ms`,
    );
  }
  return { ours, bare, nodeCount };
}

/**
 * The time between frames of the bare page at rest (but for the dot of DAMAGE_EVERY_FRAME): in
 * the uncapped browser it must be well under 16.7 ms, or frames are still held to 60 Hz.
 */
export async function idleFrames(browser: Browser, base: string, yaml: string): Promise<number[]> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(FRAME_RECORDER);
  await context.addInitScript(DAMAGE_EVERY_FRAME);
  await context.addInitScript(`window.BENCH_YAML = ${JSON.stringify(yaml)};`);
  const page = await context.newPage();
  await timeToInteractive(page, `${base}/bench-bare.html`, '.react-flow__node-default', 1000);
  await page.waitForTimeout(1000);
  await page.evaluate('window.__record(true)');
  await page.waitForTimeout(1000);
  await page.evaluate('window.__record(false)');
  const frames = ((await page.evaluate('window.__frames')) as number[]).slice(1);
  await context.close();
  return frames;
}
