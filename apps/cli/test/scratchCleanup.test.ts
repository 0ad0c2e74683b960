import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BATON_BIN, runBaton } from './runBaton.js';

const HANG_AGENT = fileURLToPath(
  new URL('../../../packages/engine/test/fixtures/hang-agent.mjs', import.meta.url),
);
const work = mkdtempSync(join(tmpdir(), 'baton-scratch-cli-'));
const scratchRoot = join(work, 'tmp');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const until = async (what: string, done: () => boolean, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};
const scratchFolders = () => readdirSync(scratchRoot).filter((e) => e.startsWith('baton-step-'));

describe('scratch folders of a Baton killed with kill -9 are removed at the next start', () => {
  it.runIf(process.platform === 'linux')(
    'baton run killed mid-step leaves its step folder; the next baton run, and baton serve, remove it',
    async () => {
      mkdirSync(scratchRoot);
      const pidFile = join(work, 'agent.pids');
      writeFileSync(
        join(work, 'baton.agents.yaml'),
        `worker:\n  runtime: { kind: command, command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(HANG_AGENT)}, ${JSON.stringify(pidFile)}] }\n`,
      );
      writeFileSync(
        join(work, 'hang.baton.yaml'),
        'version: 1\nstages:\n  - { id: s, pattern: parallel_independent, tasks: [{ agent: worker, task: wait }] }\n',
      );
      writeFileSync(join(work, 'quick.baton.yaml'), 'primary_agent: fastapi-backend-expert\n');
      const env = { ...process.env, TMPDIR: scratchRoot };

      const cli = spawn(process.execPath, [BATON_BIN, 'run', 'hang.baton.yaml', '--data-dir', 'data'], {
        cwd: work,
        env,
        stdio: 'ignore',
      });
      await until(
        'the agent to start',
        () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').includes('\n'),
      );
      const [left] = scratchFolders();
      expect(left).toMatch(new RegExp(`^baton-step-${cli.pid}-\\d+-[A-Za-z0-9]{6}$`));
      const exited = new Promise((r) => cli.once('exit', r));
      cli.kill('SIGKILL');
      await exited;
      // The agent runs in its own process group, which kill -9 of baton does not reach.
      const { child } = JSON.parse(readFileSync(pidFile, 'utf8').trim()) as { child: number };
      process.kill(-child, 'SIGKILL');
      expect(scratchFolders()).toEqual([left]);

      const next = runBaton(['run', 'quick.baton.yaml', '--speed', '100', '--data-dir', 'data'], {
        cwd: work,
        env,
      });
      expect(next.status).toBe(0);
      expect(scratchFolders()).toEqual([]);

      // The same for the server: a folder whose owner is gone is removed as it starts.
      const stale = join(scratchRoot, `baton-step-${cli.pid}-1-ZZzz99`);
      mkdirSync(stale);
      const server = spawn(process.execPath, [BATON_BIN, 'serve', '--port', '0', '--data-dir', 'data'], {
        cwd: work,
        env: { ...env, BATON_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stopped = new Promise((r) => server.once('exit', r));
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      await until('the server to start', () => /Baton is running at/.test(out));
      expect(existsSync(stale)).toBe(false);
      server.kill('SIGTERM');
      await stopped;
    },
    60_000,
  );
});
