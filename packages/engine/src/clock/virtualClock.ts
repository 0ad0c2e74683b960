import type { Clock } from '../contract.js';

interface Timer {
  at: number;
  order: number;
  resolve: () => void;
  cancelled: boolean;
}

/**
 * Time that jumps: whenever the process has nothing else to do (no pending microtask, one
 * `setImmediate` later), the clock moves straight to the earliest pending `sleep` and wakes
 * it. Thousands of simulated steps then run in milliseconds of real time, and a run's
 * timestamps depend only on the plan and the seed, never on the machine's speed.
 *
 * Meant for simulated agents: real I/O (a process, an HTTP call) does not hold virtual time
 * back, so a timeout would fire at once while the I/O is still in flight.
 */
export class VirtualClock implements Clock {
  private time: number;
  private heap: Timer[] = [];
  private order = 0;
  private advanceScheduled = false;

  /** `start`: the time (ms since the epoch) the clock shows first; default 0. */
  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        order: this.order++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        cancelled: false,
      };
      // A cancelled timer stays in the heap (removal would cost a search) but never moves time.
      const onAbort = () => {
        timer.cancelled = true;
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.push(timer);
      this.scheduleAdvance();
    });
  }

  timer(ms: number, callback: () => void): () => void {
    const timer: Timer = {
      at: this.time + Math.max(0, ms),
      order: this.order++,
      resolve: callback,
      cancelled: false,
    };
    this.push(timer);
    this.scheduleAdvance();
    return () => {
      timer.cancelled = true;
    };
  }

  /** Live timers still waiting: a test can check that nothing was left behind. */
  pendingTimers(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  private scheduleAdvance(): void {
    if (this.advanceScheduled) return;
    this.advanceScheduled = true;
    setImmediate(() => {
      this.advanceScheduled = false;
      this.advance();
    });
  }

  /** Wake every live timer due at the earliest pending time, then let their work run. */
  private advance(): void {
    while (this.heap.length && (this.heap[0] as Timer).cancelled) this.pop();
    const first = this.heap[0];
    if (!first) return;
    this.time = Math.max(this.time, first.at);
    while (this.heap.length && (this.heap[0] as Timer).at <= this.time) {
      const timer = this.pop();
      if (!timer.cancelled) timer.resolve();
    }
    if (this.heap.length) this.scheduleAdvance();
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, heap[parent] as Timer)) break;
      heap[i] = heap[parent] as Timer;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): Timer {
    const heap = this.heap;
    const top = heap[0] as Timer;
    const last = heap.pop() as Timer;
    if (heap.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last;
        if (l < heap.length && before(heap[l] as Timer, best)) {
          m = l;
          best = heap[l] as Timer;
        }
        if (r < heap.length && before(heap[r] as Timer, best)) m = r;
        if (m === i) break;
        heap[i] = heap[m] as Timer;
        i = m;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
