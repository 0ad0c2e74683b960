import type { Clock } from '../contract.js';

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

/** A timer that may be longer than setTimeout allows: it re-arms until the time is up. */
function longTimer(ms: number, callback: () => void): () => void {
  let handle: NodeJS.Timeout;
  const arm = (left: number) => {
    handle = setTimeout(left > MAX_DELAY ? () => arm(left - MAX_DELAY) : callback, Math.min(left, MAX_DELAY));
  };
  arm(Math.max(0, ms));
  return () => clearTimeout(handle);
}

/** Wall-clock time: what the server and the CLI run on. */
export const realClock: Clock = {
  now: () => Date.now(),
  timer: longTimer,
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        stop();
        reject(signal?.reason);
      };
      const stop = longTimer(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
