import { type ChildProcess, spawn } from 'node:child_process';
import { startRedis, type TestRedis } from '../../../../packages/engine/test/queue/redisServer.js';
import { BATON, REPO, type ServeProcess, serveArgs, startServe } from '../serveProcess.js';

/**
 * The queue as users run it, for tests and benchmarks: a real Redis, `baton serve
 * --dispatcher queue --redis URL` and `baton worker` processes, every one a real process
 * that can be killed with SIGKILL.
 */
export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once it printed a line matching `pattern`. */
  printed(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

export interface WorkerOptions {
  id: string;
  concurrency?: number;
  /** Short in tests: a killed worker's steps are found stalled after about this long. */
  lockMs?: number;
  agents?: string;
  workspace?: string;
  extra?: string[];
  env?: NodeJS.ProcessEnv;
}

export function startWorker(redisUrl: string, options: WorkerOptions): Promise<WorkerProcess> {
  const args = [
    BATON,
    'worker',
    '--redis',
    redisUrl,
    '--id',
    options.id,
    '--concurrency',
    String(options.concurrency ?? 4),
    '--lock-ms',
    String(options.lockMs ?? 2000),
    ...(options.agents ? ['--agents', options.agents] : []),
    ...(options.workspace ? ['--workspace', options.workspace] : []),
    ...(options.extra ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let out = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      if (w.pattern.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const printed = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(out)) {
        resolve();
        return;
      }
      const timer = setTimeout(
        () => reject(new Error(`worker ${options.id} did not print ${pattern} in ${timeoutMs} ms:\n${out}`)),
        timeoutMs,
      );
      waiters.push({
        pattern,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  const worker: WorkerProcess = { id: options.id, child, output: () => out, printed, exited };
  return printed(/^baton worker /m).then(() => worker);
}

export interface QueueCluster {
  redis: TestRedis;
  server: ServeProcess;
  workers: WorkerProcess[];
  /** Start the server again (after a kill) on the same data folder and Redis. */
  restartServer(): Promise<ServeProcess>;
  /** Kill every process; resolves with the files Redis left behind (none). */
  stop(): Promise<string[]>;
}

/** Send SIGKILL and wait for the exit. */
export async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export async function startQueueCluster(options: {
  dataDir: string;
  workers: WorkerOptions[];
  /** Load the examples into the store (as `npm start` does). */
  examples?: boolean;
  serveExtra?: string[];
}): Promise<QueueCluster> {
  const redis = await startRedis();
  const argv = serveArgs(options.dataDir, [
    '--dispatcher',
    'queue',
    '--redis',
    redis.url,
    ...(options.serveExtra ?? []),
  ]).filter((arg) => !(options.examples && arg === '--no-examples'));
  const cluster: QueueCluster = {
    redis,
    server: await startServe(argv),
    workers: await Promise.all(options.workers.map((w) => startWorker(redis.url, w))),
    async restartServer() {
      cluster.server = await startServe(argv);
      return cluster.server;
    },
    async stop() {
      await Promise.all([cluster.server.child, ...cluster.workers.map((w) => w.child)].map(kill9));
      return redis.stop();
    },
  };
  return cluster;
}
