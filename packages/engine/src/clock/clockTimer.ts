import type { Clock } from '../contract.js';

/** `clock.timer` when the clock has it, else the same built from `sleep` (any Clock will do). */
export function clockTimer(clock: Clock, ms: number, callback: () => void): () => void {
  if (clock.timer) return clock.timer(ms, callback);
  const controller = new AbortController();
  clock.sleep(ms, controller.signal).then(callback, () => {});
  return () => controller.abort();
}
