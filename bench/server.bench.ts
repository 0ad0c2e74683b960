/**
 * Server benchmark (loopback only, bounded): many simulated runs at once, two SSE clients on
 * each; measures events delivered per second to clients and the latency from the engine's
 * event time (`ts`) to its arrival at a client. Writes bench/results/server.json.
 * Run: npm run bench:server
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, resolveConfig, startServer } from '@baton/server';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const CLIENTS_PER_RUN = 2;
const SPEED = 20;
const yaml = readFileSync(new URL('../examples/full-stack-feature.baton.yaml', import.meta.url), 'utf8');
const largeYaml = readFileSync(new URL('../examples/large-1000-steps.baton.yaml', import.meta.url), 'utf8');

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Reads one run's stream to its end; records the delivery latency of each event emitted after
 * the client connected (earlier ones are a replay from the store, not a live delivery).
 */
function consume(url: string, latencies: number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    let buffer = '';
    let connectedAt = Number.POSITIVE_INFINITY;
    const req = request(url, (res) => {
      connectedAt = Date.now();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = Date.now();
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const lines = buffer.slice(0, cut).split('\n');
          buffer = buffer.slice(cut + 2);
          const data = lines.find((l) => l.startsWith('data: {'));
          if (data && !lines.includes('event: end')) {
            const emitted = Date.parse((JSON.parse(data.slice(6)) as { ts: string }).ts);
            if (emitted >= connectedAt) latencies.push(now - emitted);
            count++;
          }
          cut = buffer.indexOf('\n\n');
        }
      });
      res.on('end', () => resolve(count));
    });
    req.on('error', reject);
    req.end();
  });
}

async function post(base: string, body: object): Promise<string> {
  const res = await fetch(`${base}/api/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/runs answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function scenario(base: string, name: string, runs: { yaml: string; speed: number }[]) {
  const latencies: number[] = [];
  const started = performance.now();
  const ids = await Promise.all(runs.map((r) => post(base, r)));
  const counts = await Promise.all(
    ids.flatMap((id) =>
      Array.from({ length: CLIENTS_PER_RUN }, () => consume(`${base}/api/runs/${id}/events`, latencies)),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const delivered = counts.reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  const result = {
    runs: runs.length,
    clients: counts.length,
    eventsDelivered: delivered,
    seconds: Number(seconds.toFixed(2)),
    eventsPerSecond: Math.round(delivered / seconds),
    liveEventsTimed: latencies.length,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
    },
  };
  console.log(`${name}: ${JSON.stringify(result)}`);
  return result;
}

const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-server-'));
const server = await startServer(
  resolveConfig({ port: 0, dataDir, agentsDir: dataDir, loadExamples: false }, {}),
  createLogger('silent'),
);
try {
  const concurrent = await scenario(
    server.url,
    `${RUNS} concurrent runs × ${CLIENTS_PER_RUN} clients`,
    Array.from({ length: RUNS }, () => ({ yaml, speed: SPEED })),
  );
  const large = await scenario(server.url, '1 run of 1,000 steps × 2 clients', [
    { yaml: largeYaml, speed: 20 },
  ]);
  // Pure delivery: 100 clients replay a finished run's log at once (store read + SSE writes).
  const finished = (await (await fetch(`${server.url}/api/runs`)).json()) as {
    runs: { id: string; name: string }[];
  };
  const largeId = finished.runs.find((r) => r.name.startsWith('Large'))?.id as string;
  const started = performance.now();
  const replayed = await Promise.all(
    Array.from({ length: 100 }, () => consume(`${server.url}/api/runs/${largeId}/events`, [])),
  );
  const replaySeconds = (performance.now() - started) / 1000;
  const replay = {
    clients: 100,
    eventsDelivered: replayed.reduce((a, b) => a + b, 0),
    seconds: Number(replaySeconds.toFixed(2)),
    eventsPerSecond: Math.round(replayed.reduce((a, b) => a + b, 0) / replaySeconds),
  };
  console.log(`replay of the 1,000-step run to 100 clients: ${JSON.stringify(replay)}`);
  const results = {
    benchmark: 'server',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    method:
      'In-process server on 127.0.0.1 with a temp SQLite file; runs started over HTTP, two SSE clients opened on each as soon as it is created and read to the end. Latency = arrival at the client − event ts (set by the engine when it emits), for events emitted after the client connected. The large run (speed 20: 10 ms steps) is 1,000 steps in about 3 seconds.',
    concurrent,
    large,
    replay,
  };
  writeFileSync(new URL('./results/server.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/server.json');
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
