import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BATON_BIN = fileURLToPath(new URL('../bin/baton.js', import.meta.url));

export interface BatonResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built `baton` as a user would: a real process, from the repository root. */
export function runBaton(
  args: string[],
  options: { cwd?: string; input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): BatonResult {
  const result = spawnSync(process.execPath, [BATON_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    ...(options.env ? { env: options.env } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
