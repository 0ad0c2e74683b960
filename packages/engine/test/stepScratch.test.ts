import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgentCatalog, BUILTIN_AGENTS } from '@baton/core';
import { realClock, removeStaleStepScratch } from '@baton/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { createStepScratch } from '../src/runtimes/stepScratch.js';
import { run } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const startOf = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19]);
const linux = process.platform === 'linux';

describe('removeStaleStepScratch: the folders of Baton processes that no longer run, only those', () => {
  it.runIf(linux)(
    'removes a dead owner’s and a reused PID’s folders; keeps live owners’ and anything else',
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'baton-scratch-root-'));
      const mine = createStepScratch(root);
      expect(basename(mine)).toMatch(
        new RegExp(`^baton-step-${process.pid}-${startOf(process.pid)}-[A-Za-z0-9]{6}$`),
      );
      const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
      const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
      try {
        const live = sleeper.pid as number;
        await new Promise((r) => setTimeout(r, 100));
        const folder = (name: string) => {
          mkdirSync(join(root, name));
          writeFileSync(join(root, name, 'prompt.txt'), 'x');
          return name;
        };
        const gone = [
          folder(`baton-step-${dead}-123-aaaaaa`), // its process exited
          folder(`baton-step-${live}-${startOf(live) + 1}-bbbbbb`), // that PID is another process now
          folder(`baton-step-${process.pid}-${startOf(process.pid) + 7}-cccccc`), // "PID 1 again": an earlier life
        ];
        const kept = [
          basename(mine),
          folder(`baton-step-${live}-${startOf(live)}-dddddd`), // its owner runs: another Baton's step
          folder('baton-step-Ab12Cd'), // an older Baton's name: no owner to tell, left alone
          folder('not-baton-1-2-eeeeee'),
        ];
        writeFileSync(join(root, `baton-step-${dead}-1-ffffff`), 'a file, not a folder');
        kept.push(`baton-step-${dead}-1-ffffff`);
        const removed = removeStaleStepScratch(root).map((p) => basename(p));
        expect(removed.sort()).toEqual(gone.sort());
        expect(readdirSync(root).sort()).toEqual(kept.sort());
      } finally {
        sleeper.kill('SIGKILL');
      }
    },
  );

  it('a folder that is missing is no error', () => {
    expect(removeStaleStepScratch(join(tmpdir(), 'baton-no-such-folder-here'))).toEqual([]);
  });
});

describe('a command step’s scratch folder is removed when the step ends', () => {
  const saved = process.env.TMPDIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  });

  const agents = (command: string[]): AgentCatalog => ({
    ...BUILTIN_AGENTS,
    worker: { name: 'worker', source: 'file', runtime: { kind: 'command', command } },
  });
  const yaml = (timeout = '30s') => `version: 1
stages:
  - { id: s, pattern: parallel_independent, tasks: [{ agent: worker, task: t, timeout: ${timeout}, retries: 0 }] }
`;

  it.each([
    ['it succeeds', ['echo-agent.mjs'], '30s', 'succeeded'],
    ['it fails', ['fail-agent.mjs'], '30s', 'failed'],
    ['it times out (its process killed)', ['hang-agent.mjs', '/dev/null'], '300ms', 'failed'],
  ])('when %s', async (_what, [script, ...args], timeout, status) => {
    const scratchRoot = mkdtempSync(join(tmpdir(), 'baton-scratch-step-'));
    process.env.TMPDIR = scratchRoot;
    const seen: string[] = [];
    const watcher = setInterval(() => {
      for (const e of readdirSync(scratchRoot)) if (!seen.includes(e)) seen.push(e);
    }, 5);
    try {
      const { state } = await run(yaml(timeout), {
        clock: realClock,
        agentsCatalog: agents([process.execPath, fixture(script as string), ...args]),
      });
      expect(state.status).toBe(status);
    } finally {
      clearInterval(watcher);
    }
    expect(seen.some((e) => e.startsWith(`baton-step-${process.pid}-`))).toBe(true);
    expect(readdirSync(scratchRoot)).toEqual([]);
    expect(existsSync(scratchRoot)).toBe(true);
  });
});
