import { realClock } from '@baton/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('realClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits out delays longer than setTimeout allows (a 30-day timeout must not fire at once)', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    realClock.timer?.(30 * 24 * 3_600_000, fired);
    vi.advanceTimersByTime(25 * 24 * 3_600_000);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5 * 24 * 3_600_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('sleep resolves after the delay, and rejects with the reason when aborted', async () => {
    const started = Date.now();
    await realClock.sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const waiting = realClock.sleep(60_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});
