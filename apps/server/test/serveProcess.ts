import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BATON = 'apps/cli/bin/baton.js';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export interface ServeExit {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The command line of `baton serve` on a free port with no examples (program first). */
export const serveArgs = (dataDir: string, extra: string[] = []) => [
  process.execPath,
  BATON,
  'serve',
  '--port',
  '0',
  '--data-dir',
  dataDir,
  '--no-examples',
  ...extra,
];

const spawnServe = ([program, ...args]: string[], options: SpawnOptions = {}) =>
  spawn(program as string, args, {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
    env: { ...process.env, BATON_LOG_LEVEL: 'warn', ...options.env },
  });

/** Start the built `baton serve` (or a command line that execs it) as a real process; resolves once it says where it listens. */
export function startServe(argv: string[], options: SpawnOptions = {}): Promise<ServeProcess> {
  const child = spawnServe(argv, options);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/running at (http:\/\/\S+?)\/\s/);
      if (match) resolve({ child, url: match[1] as string, exited });
    });
    void exited.then((code) => reject(new Error(`server exited early (${code}): ${out}${err}`)));
  });
}

/** Run `baton serve` expecting it not to start: its exit code and output once it has ended. */
export function serveUntilExit(argv: string[], options: SpawnOptions = {}): Promise<ServeExit> {
  const child = spawnServe(argv, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // A server that starts after all would never exit: stop it, and the test sees it ran.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve) =>
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}

/** Stop a server gracefully and wait for it to end. */
export async function stopServe(server: ServeProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}
