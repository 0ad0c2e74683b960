import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_AGENTS } from '@baton/core';
import { startRun, VirtualClock } from '@baton/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agentsYaml, compileYaml } from './helpers.js';

/** The engine tells the host's logger, not the console, what it cannot record as an event. */
describe('the engine logs through the logger it is given', () => {
  const compiled = compileYaml(`version: 1
${agentsYaml({ a: 'duration: 1s' })}stages:
  - { id: s, pattern: sequential_handoff, parallel_execution: false, tasks: [{ agent: a }, { agent: a }] }
`);
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  afterEach(() => consoleError.mockClear());

  it('a listener that throws, and an artifact folder it cannot create, go to the logger', async () => {
    const lines: { message: string; error: unknown }[] = [];
    const started: number[] = [];
    // A file where the data directory should be: the artifact folder cannot be made under it.
    const dataDir = join(mkdtempSync(join(tmpdir(), 'baton-logger-')), 'not-a-folder');
    writeFileSync(dataDir, '');
    const handle = startRun({
      runId: 'r',
      document: compiled.document,
      plan: compiled.plan,
      agents: BUILTIN_AGENTS,
      clock: new VirtualClock(),
      dataDir,
      logger: (message, error) => lines.push({ message, error }),
      onEvent: (e) => {
        if (e.type !== 'step.started') return;
        started.push(e.seq);
        throw new Error('listener broke');
      },
    });
    const state = await handle.done;
    expect(state.status).toBe('succeeded');
    expect(lines.map((l) => l.message)).toEqual([
      `cannot create the run's artifact folder under ${dataDir}`,
      ...started.map((seq) => `the event listener threw on step.started #${seq}`),
    ]);
    expect(started).toHaveLength(2);
    expect(lines[1]?.error).toMatchObject({ message: 'listener broke' });
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('without one, it writes to stderr as before', async () => {
    const handle = startRun({
      runId: 'r',
      document: compiled.document,
      plan: compiled.plan,
      agents: BUILTIN_AGENTS,
      clock: new VirtualClock(),
      onEvent: (e) => {
        if (e.type === 'run.started') throw new Error('listener broke');
      },
    });
    await handle.done;
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError.mock.calls[0]?.[0]).toBe('baton engine: the event listener threw on run.started #2:');
  });
});
