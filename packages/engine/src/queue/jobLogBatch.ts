import type { Job } from 'bullmq';
import type { StepJobProgress } from './stepJob.js';

type Line = [stream: 'stdout' | 'stderr' | 'info', line: string];

/** Lines sent at most this often, or sooner when this many (or this many characters) wait. */
const FLUSH_MS = 100;
const FLUSH_LINES = 500;
const FLUSH_CHARS = 64 * 1024;
/** Lines waiting beyond this (Redis slower than the agent) are dropped, and the drop said. */
const MAX_WAITING = 10_000;

/**
 * A job's log lines sent back to the server in batches, as the job's progress (one Redis
 * call a batch, not a line), one batch in flight at a time: while Redis is slow the lines
 * wait here, at most `MAX_WAITING` of them, so a chatty agent cannot grow the worker.
 */
export class JobLogBatch {
  private lines: Line[] = [];
  private chars = 0;
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;

  constructor(
    private readonly job: Job,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(stream: Line[0], line: string): void {
    if (this.lines.length >= MAX_WAITING) {
      this.dropped++;
      return;
    }
    this.lines.push([stream, line]);
    this.chars += line.length;
    if (this.sending) return; // sent when the batch in flight is
    if (this.lines.length >= FLUSH_LINES || this.chars >= FLUSH_CHARS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Send what waits; resolves when everything pushed so far is sent. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.sending) await this.sending;
    if (this.dropped) {
      this.lines.push([
        'info',
        `… ${this.dropped} log lines dropped: the worker could not send them fast enough`,
      ]);
      this.dropped = 0;
    }
    if (!this.lines.length) return;
    const batch = this.takeBatch();
    this.sending = this.job
      .updateProgress({ logs: batch } satisfies StepJobProgress)
      .catch(this.onError)
      .then(() => {
        this.sending = null;
      });
    await this.sending;
    if (this.lines.length) await this.flush();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The oldest lines, up to a batch's worth of lines and characters. */
  private takeBatch(): Line[] {
    let chars = 0;
    let n = 0;
    while (n < this.lines.length && n < FLUSH_LINES && (n === 0 || chars < FLUSH_CHARS)) {
      chars += (this.lines[n] as Line)[1].length;
      n++;
    }
    const batch = this.lines.splice(0, n);
    this.chars -= chars;
    return batch;
  }
}
