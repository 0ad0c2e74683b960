import type { Job } from 'bullmq';
import type { StepJobProgress } from './stepJob.js';

type Line = [stream: 'stdout' | 'stderr' | 'info', line: string];

/** Lines sent at most this often, or sooner when this many wait. */
const FLUSH_MS = 100;
const FLUSH_LINES = 500;
/** Lines waiting beyond this (Redis slower than the agent) are dropped, and the drop said. */
const MAX_WAITING = 10_000;

/**
 * A job's log lines sent back to the server in batches, as the job's progress (one Redis
 * call a batch, not a line): an agent printing thousands of lines a second costs a few calls.
 */
export class JobLogBatch {
  private lines: Line[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();

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
    if (this.lines.length >= FLUSH_LINES) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Send what waits; resolves when everything pushed so far is sent. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dropped) {
      this.lines.push([
        'info',
        `… ${this.dropped} log lines dropped: the worker could not send them fast enough`,
      ]);
      this.dropped = 0;
    }
    if (this.lines.length) {
      const progress: StepJobProgress = { logs: this.lines };
      this.lines = [];
      this.sending = this.sending.then(() => this.job.updateProgress(progress).catch(this.onError));
    }
    return this.sending;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
