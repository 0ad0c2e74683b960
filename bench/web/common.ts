/** What the web bench's measures share: the server, the browser, the frame recorder, statistics. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_AGENTS, compile, parse, type RunEvent } from '@baton/core';
import { type Browser, chromium } from '@playwright/test';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const VIEWPORT = { width: 1280, height: 800 };
/**
 * The live run measures' window: taller, so that the run view's canvas (the bottom bar takes
 * ~230 px) holds the whole 1,000-step plan at its fit zoom, which stops at the minimum 0.04.
 */
export const RUN_VIEWPORT = { width: 1280, height: 1200 };

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export const median = (values: number[]) => percentile(values, 50);
export const round = (n: number) => Number(n.toFixed(1));
export const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

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

export interface Server {
  base: string;
  child: ChildProcess;
  dataDir: string;
}

/**
 * The web app as the bench builds it (`vite build --mode bench`, run by npm run bench:web): the
 * production build with the bare React Flow page beside it, which apps/web/dist does not hold.
 */
export const BENCH_WEB_DIR = 'apps/web/dist-bench';

export async function startServer(): Promise<Server> {
  for (const built of [`${BENCH_WEB_DIR}/index.html`, `${BENCH_WEB_DIR}/bench-bare.html`]) {
    if (!existsSync(join(ROOT, built)))
      throw new Error(`${built} is missing: run the bench with npm run bench:web, which builds it`);
  }
  if (!existsSync(join(ROOT, 'apps/cli/dist/main.js')))
    throw new Error('apps/cli/dist/main.js is missing: run npm run build first');
  const port = freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-web-'));
  const child = spawn(
    process.execPath,
    ['apps/cli/bin/baton.js', 'serve', '--port', String(port), '--data-dir', dataDir, '--no-examples'],
    // The server's errors show in the bench's output: a crash is not a mystery.
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, BATON_WEB_DIR: join(ROOT, BENCH_WEB_DIR) },
    },
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

/** Debian's Chromium, headless; `extraArgs` for the uncapped browser. */
export const launchChromium = (extraArgs: string[] = []): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });

async function post<T>(base: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const storeOrchestration = async (base: string, yaml: string) =>
  (await post<{ id: string }>(base, '/api/orchestrations', { yaml })).id;

export const startRun = async (base: string, orchestrationId: string, speed: number) =>
  (await post<{ id: string }>(base, '/api/runs', { orchestrationId, speed })).id;

/** Resolves when the run has ended (its record says so). */
export async function runEnded(base: string, runId: string, timeoutMs = 120_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const { status } = (await (await fetch(`${base}/api/runs/${runId}`)).json()) as { status: string };
    if (status !== 'queued' && status !== 'running') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not end in ${timeoutMs} ms`);
}

/** A run's whole log, read from its SSE stream (an ended run's stream replays it and closes). */
export async function eventLog(base: string, runId: string): Promise<RunEvent[]> {
  const text = await (await fetch(`${base}/api/runs/${runId}/events`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: {}')
    .map((line) => JSON.parse(line.slice('data: '.length)) as RunEvent);
}

/**
 * Reads a run's SSE stream in this process and notes when each event arrived (`Date.now()` by
 * seq): how long the server takes to put an event on the wire, apart from the browser.
 */
export function listenToRun(base: string, runId: string): Promise<Map<number, number>> {
  const arrivals = new Map<number, number>();
  return fetch(`${base}/api/runs/${runId}/events`).then(async (res) => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const now = Date.now();
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const id = /^id: (\d+)$/m.exec(buffer.slice(0, end));
        if (id) arrivals.set(Number(id[1]), now);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
    return arrivals;
  });
}

/** The plan's step ids (every one is a node with `data-step-id` on the canvas). */
export function stepIdsOf(yaml: string): string[] {
  const { document } = parse(yaml);
  if (!document) throw new Error('the bench YAML does not parse');
  return compile(document, { agents: BUILTIN_AGENTS }).plan.steps.map((s) => s.id);
}

/**
 * Records the time between animation frames while `recording` is on, and when each frame
 * began (epoch ms, the clock of the events' `ts`).
 */
export const FRAME_RECORDER = `
  window.__frames = [];
  window.__frameAt = [];
  window.__record = (on) => {
    window.__recording = on;
    if (!on) return;
    window.__frames = [];
    window.__frameAt = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      window.__frameAt.push(performance.timeOrigin + t);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
`;

/**
 * For the uncapped browser: a 1 px dot repainted on every frame (its colour, not its place: a
 * moved element makes Chromium layerize the whole page again, ~13 ms with 1,000 nodes). Without
 * it Chromium, uncapped, still makes a frame with nothing to draw only every ~17 ms, so the
 * time between frames would show that wait, not what a frame costs.
 */
export const DAMAGE_EVERY_FRAME = `
  addEventListener('DOMContentLoaded', () => {
    const dot = document.createElement('div');
    dot.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;background:rgba(0,0,0,0.02);pointer-events:none;z-index:2147483647';
    document.body.append(dot);
    let i = 0;
    const tick = () => {
      dot.style.backgroundColor = i++ & 1 ? 'rgba(0,0,0,0.02)' : 'rgba(0,0,0,0.03)';
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
`;

export const frameSummary = (frames: number[]) => ({
  frames: frames.length,
  p50Ms: round(percentile(frames, 50)),
  p95Ms: round(percentile(frames, 95)),
  maxMs: round(Math.max(...frames)),
  /** Frames that missed a 60 Hz refresh (took two or more). */
  droppedPct: round((100 * frames.filter((f) => f > 20).length) / Math.max(1, frames.length)),
});
