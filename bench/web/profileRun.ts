/**
 * A CPU profile of the editor's live run view following a 1,000-step run (a diagnosis aid for
 * the run view's frame cost, not a benchmark): self time by function, top 40.
 * Run after `npm run build`: npm run bench:web:profile (PROFILE_WORKLOAD=steady: the latency workload; PROFILE_CSS: a style to try; PROFILE_REDUCED: no motion)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import {
  BENCH_WEB_DIR,
  launchChromium,
  ROOT,
  RUN_VIEWPORT,
  startRun,
  startServer,
  stepIdsOf,
  storeOrchestration,
  VIEWPORT,
} from './common.js';
import { RUN_SPEED } from './runFrames.js';
import { waitLiveEditor } from './statusLatency.js';
import { gatedYaml, steadyYaml } from './workloads.js';

const maps = new Map<string, SourceMapConsumer | null>();
/** A frame of the built app named by its source (the build's source maps). */
function original(f: {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}): string {
  const file = f.url.split('/').pop() ?? '';
  if (!maps.has(file)) {
    try {
      maps.set(
        file,
        new SourceMapConsumer(
          JSON.parse(readFileSync(join(ROOT, BENCH_WEB_DIR, 'assets', `${file}.map`), 'utf8')),
        ),
      );
    } catch {
      maps.set(file, null);
    }
  }
  const map = maps.get(file);
  if (map && f.lineNumber >= 0) {
    const at = map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber ?? 0 });
    if (at.source)
      return `${at.name ?? f.functionName} ${at.source.replace(/^.*node_modules\//, '')}:${at.line}`;
  }
  return `${f.functionName || '(anon)'} ${file}:${f.lineNumber}`;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  hitCount?: number;
  children?: number[];
}

const example = readFileSync(join(ROOT, 'examples/large-1000-steps.baton.yaml'), 'utf8');
const steady = process.env.PROFILE_WORKLOAD === 'steady';
const yaml = steady ? steadyYaml() : gatedYaml(example, RUN_SPEED);
const server = await startServer();
const browser = await launchChromium();
try {
  const id = await storeOrchestration(server.base, yaml);
  const runId = await startRun(server.base, id, steady ? 1 : RUN_SPEED);
  const context = await browser.newContext({ viewport: steady ? VIEWPORT : RUN_VIEWPORT });
  const page = await context.newPage();
  if (process.env.PROFILE_REDUCED) await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${server.base}/o/${id}/runs/${runId}`, { waitUntil: 'commit' });
  await waitLiveEditor(page, stepIdsOf(yaml).length);
  // The steady workload's gate: wait for the steps to begin.
  if (steady)
    await page.waitForFunction(
      () => document.querySelectorAll('[data-status="succeeded"]').length > 5,
      undefined,
      { timeout: 30_000 },
    );
  if (process.env.PROFILE_CSS) await page.addStyleTag({ content: process.env.PROFILE_CSS });
  const cdp = await context.newCDPSession(page);
  const trace: {
    name: string;
    ph: string;
    dur?: number;
    tid: number;
    pid: number;
    args?: { name?: string };
  }[] = [];
  cdp.on('Tracing.dataCollected', (d) => trace.push(...(d.value as unknown as typeof trace)));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'blink', 'cc'] },
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(Number(process.env.PROFILE_MS ?? 8000));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[] } };
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  const mains = new Set(
    trace.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byName = new Map<string, number>();
  for (const e of trace) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
  const self = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    total += hits;
    const f = n.callFrame;
    const key = original(f);
    self.set(key, (self.get(key) ?? 0) + hits);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
  for (const [k, v] of top) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
} finally {
  await browser.close();
  server.child.kill();
}
