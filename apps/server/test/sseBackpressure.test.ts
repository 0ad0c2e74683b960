import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type ServeProcess, serveArgs, startServe, stopServe } from './serveProcess.js';

/**
 * Issue 10 §2: event-stream clients that never read must not grow the server without bound.
 * The built `baton serve` runs as its own process (its RSS is its own, read from /proc), with
 * a finished run whose log is about 50 MB: 999 steps, each handing on a 50 KB result.
 */

const CLIENTS = 40;
const OUTPUT = 'lorem ipsum '.repeat(4_200); // ~50 KB per step
const YAML = `version: 1
agents:
  talker: { runtime: { kind: simulated, duration: 0, output: "${OUTPUT}" } }
stages:
  - pattern: parallel_independent
    tasks:
${Array.from({ length: 999 }, (_, i) => `      - { agent: talker, task: "part ${i}" }`).join('\n')}
`;

let dataDir: string;
let server: ServeProcess;
let runId: string;
let port: number;

const rssMb = () => {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
};

async function healthMs(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
  await res.json();
  return performance.now() - started;
}

/** A raw TCP client of the run's events that asks, then never reads (until a test says so). */
function rawClient(): { socket: Socket; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  socket.write(`GET /api/runs/${runId}/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
  socket.pause(); // what the server writes piles up in the server, or would
  socket.on('error', () => {});
  return { socket, closed: new Promise((resolve) => socket.once('close', () => resolve())) };
}

/** Read a client to the end of its connection: the SSE frames it got, and whether it saw `event: end`. */
function readToClose(client: {
  socket: Socket;
  closed: Promise<void>;
}): Promise<{ bytes: number; ended: boolean }> {
  let bytes = 0;
  let tail = '';
  client.socket.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    tail = (tail + chunk.toString('latin1')).slice(-64);
  });
  client.socket.resume();
  return client.closed.then(() => ({ bytes, ended: tail.includes('event: end') }));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'baton-sse-'));
  server = await startServe(serveArgs(dataDir));
  port = Number(new URL(server.url).port);
  const created = await fetch(`${server.url}/api/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ yaml: YAML, speed: 10_000 }),
  });
  expect(created.status).toBe(201);
  runId = ((await created.json()) as { id: string }).id;
  for (;;) {
    const run = (await (await fetch(`${server.url}/api/runs/${runId}`)).json()) as { status: string };
    if (run.status === 'succeeded') break;
    expect(['queued', 'running']).toContain(run.status);
    await sleep(200);
  }
}, 120_000);

afterAll(async () => {
  if (server) await stopServe(server);
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('event streams honour back-pressure', () => {
  let fullBytes = 0;

  it('a reader gets the whole log of the finished run, each event once, in order, then event: end', async () => {
    const res = await fetch(`${server.url}/api/runs/${runId}/events`);
    const text = await res.text();
    fullBytes = Buffer.byteLength(text);
    const seqs = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(seqs.length).toBeGreaterThan(2_000);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(text.endsWith('event: end\ndata: {}\n\n')).toBe(true);
    expect(fullBytes).toBeGreaterThan(40_000_000);
  }, 60_000);

  it(`${CLIENTS} clients that never read: RSS grows by less than 256 MB, /api/health answers, the stuck are dropped`, async () => {
    const before = rssMb();
    const clients = Array.from({ length: CLIENTS }, rawClient);
    onTestFinished(() => {
      for (const c of clients) c.socket.destroy();
    });
    let peak = before;
    const health: number[] = [];
    for (let i = 0; i < 15; i++) {
      await sleep(200);
      peak = Math.max(peak, rssMb());
      health.push(await healthMs());
    }
    console.log(
      `RSS before ${before.toFixed(0)} MB, peak with ${CLIENTS} stuck clients ${peak.toFixed(0)} MB; /api/health ${health.map((h) => h.toFixed(0)).join(' ')} ms`,
    );
    expect(peak - before).toBeLessThan(256);
    // It keeps answering while forty replays wait on their sockets (about 10-60 ms here).
    expect(Math.max(...health)).toBeLessThan(250);

    // Past the stuck bound (15 s) each is dropped: reading now gets what was written, cut off.
    await sleep(16_000);
    const read = await Promise.all(clients.map(readToClose));
    for (const r of read) {
      expect(r.ended).toBe(false);
      expect(r.bytes).toBeLessThan(fullBytes / 2);
    }
    expect(await healthMs()).toBeLessThan(250);
  }, 90_000);

  it('a slow reader still gets every event once, in order', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      get(`${server.url}/api/runs/${runId}/events`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        // Reads in bursts: 20 ms of reading, 80 ms paused, so the server keeps waiting for drain.
        const pacing = setInterval(() => {
          res.resume();
          setTimeout(() => res.pause(), 20);
        }, 100);
        res.on('end', () => {
          clearInterval(pacing);
          resolve(body);
        });
        res.on('error', reject);
      }).on('error', reject);
    });
    const seqs = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(Buffer.byteLength(text)).toBe(fullBytes);
    expect(text.endsWith('event: end\ndata: {}\n\n')).toBe(true);
  }, 90_000);
});
