import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Redis for a test (Debian's `redis-server`, which `.ci/run` installs), on a free
 * loopback port, keeping nothing on disk: no RDB, no AOF, its folder removed at `stop`.
 */
export interface TestRedis {
  url: string;
  port: number;
  /** Stop it (SIGKILL with `kill`: a crash) and start it again on the same port, empty. */
  restart(options?: { downMs?: number; kill?: boolean }): Promise<void>;
  /** Stop it and remove its folder; resolves with the files Redis had left there (none). */
  stop(): Promise<string[]>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'baton-redis-'));
  let child: ChildProcess | null = null;

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = proc;
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`redis-server cannot be started (is it installed?): ${error.message}`));
      });
      proc.on('exit', (code) => {
        clearTimeout(timer);
        if (!out.includes('Ready to accept connections'))
          reject(new Error(`redis-server exited ${code}:\n${out}`));
      });
    });

  const halt = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
        resolve();
        return;
      }
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart({ downMs = 0, kill = true } = {}) {
      await halt(kill ? 'SIGKILL' : 'SIGTERM');
      if (downMs) await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      await halt('SIGTERM');
      const left = readdirSync(dir);
      rmSync(dir, { recursive: true, force: true });
      return left;
    },
  };
}
