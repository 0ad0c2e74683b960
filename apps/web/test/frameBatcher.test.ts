import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameScheduler } from '../src/run/frameBatcher';

/** A frame clock the test advances by hand. */
function manualFrames() {
  let pending: (() => void)[] = [];
  const schedule: FrameScheduler = (callback) => {
    pending.push(callback);
    return () => {
      pending = pending.filter((c) => c !== callback);
    };
  };
  return {
    schedule,
    frame() {
      const due = pending;
      pending = [];
      for (const c of due) c();
    },
    waiting: () => pending.length,
  };
}

describe('createFrameBatcher', () => {
  it('hands over every item pushed within a frame in one batch, in order', () => {
    const frames = manualFrames();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), frames.schedule);
    for (let i = 0; i < 500; i++) batcher.push(i);
    expect(batches).toEqual([]);
    expect(frames.waiting()).toBe(1);
    frames.frame();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual(Array.from({ length: 500 }, (_, i) => i));
    batcher.push(500);
    frames.frame();
    expect(batches).toEqual([batches[0], [500]]);
  });

  it('asks for no frame while nothing is queued', () => {
    const frames = manualFrames();
    const batcher = createFrameBatcher<number>(() => {}, frames.schedule);
    frames.frame();
    expect(frames.waiting()).toBe(0);
    batcher.push(1);
    expect(frames.waiting()).toBe(1);
  });

  it('flush hands over at once and cancels the frame asked for', () => {
    const frames = manualFrames();
    const batches: string[][] = [];
    const batcher = createFrameBatcher<string>((items) => batches.push(items), frames.schedule);
    batcher.push('a');
    batcher.push('b');
    batcher.flush();
    expect(batches).toEqual([['a', 'b']]);
    expect(frames.waiting()).toBe(0);
    batcher.flush();
    expect(batches).toHaveLength(1);
  });

  it('drops what is queued once disposed and takes nothing more', () => {
    const frames = manualFrames();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), frames.schedule);
    batcher.push(1);
    batcher.dispose();
    frames.frame();
    batcher.push(2);
    frames.frame();
    expect(batches).toEqual([]);
  });
});
