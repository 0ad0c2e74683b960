/**
 * Collects items and hands them over once per animation frame: a burst of run events becomes
 * one store update (and one React commit) per frame, however fast they arrive.
 */
export interface FrameBatcher<T> {
  push(item: T): void;
  /** Hand over what is queued now (a stream that ends does not wait for the next frame). */
  flush(): void;
  /** Drop what is queued and stop. */
  dispose(): void;
}

export type FrameScheduler = (callback: () => void) => () => void;

/** `requestAnimationFrame`, cancellable. */
export const animationFrame: FrameScheduler = (callback) => {
  const id = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(id);
};

export function createFrameBatcher<T>(
  deliver: (items: T[]) => void,
  schedule: FrameScheduler = animationFrame,
): FrameBatcher<T> {
  let queue: T[] = [];
  let cancel: (() => void) | null = null;
  let disposed = false;
  const flush = () => {
    cancel?.();
    cancel = null;
    if (!queue.length) return;
    const items = queue;
    queue = [];
    deliver(items);
  };
  return {
    push(item) {
      if (disposed) return;
      queue.push(item);
      cancel ??= schedule(flush);
    },
    flush,
    dispose() {
      disposed = true;
      cancel?.();
      cancel = null;
      queue = [];
    },
  };
}
