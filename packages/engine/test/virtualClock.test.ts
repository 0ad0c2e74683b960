import { VirtualClock } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { compileGrown, run } from './helpers.js';

describe('VirtualClock', () => {
  it('jumps to each timer in time order, ties in the order they were set', async () => {
    const clock = new VirtualClock(1000);
    const woke: [string, number][] = [];
    const at = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push([name, clock.now()]));
    const started = Date.now();
    await Promise.all([at('c', 3_600_000), at('a', 500), at('b', 500), at('zero', 0)]);
    expect(woke).toEqual([
      ['zero', 1000],
      ['a', 1500],
      ['b', 1500],
      ['c', 3_601_000],
    ]);
    expect(Date.now() - started).toBeLessThan(1000); // an hour of virtual time, no real wait
  });

  it('lets the work a timer wakes run before moving on, so later sleeps see the right time', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const chain = async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(100);
        await Promise.resolve();
        seen.push(clock.now());
      }
    };
    await Promise.all([chain(), clock.sleep(250).then(() => seen.push(-clock.now()))]);
    expect(seen).toEqual([100, 200, -250, 300]);
  });

  it('an aborted sleep rejects with the reason, and does not move time', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const long = clock.sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(long).rejects.toThrow('stop');
    await clock.sleep(5);
    expect(clock.now()).toBe(5);
    expect(clock.pendingTimers()).toBe(0);
    await expect(clock.sleep(1, controller.signal)).rejects.toThrow('stop');
  });
});

describe('a run in virtual time', () => {
  it('runs thousands of simulated steps: a 2,000-step chain of 1 s agents ends at 2,000 s', async () => {
    // Past a file's limits (1,000 items a list, 200,000 hand-offs): the chain is grown in code.
    const grown = compileGrown(
      `version: 1
agents: { a: { runtime: { kind: simulated, duration: 1s } } }
stages:
  - { id: chain, pattern: sequential_handoff, parallel_execution: false, tasks: [{ agent: a }] }
`,
      (document) => {
        const stage = document.stages[0] as { tasks: unknown[] };
        stage.tasks = Array.from({ length: 2000 }, () => ({ ...(stage.tasks[0] as object) }));
      },
    );
    const { state, events } = await run(grown);
    expect(state.status).toBe('succeeded');
    expect(Date.parse(events.at(-1)?.ts ?? '')).toBe(2_000_000);
    expect(Object.values(state.steps).every((s) => s.status === 'succeeded')).toBe(true);
  });
});
