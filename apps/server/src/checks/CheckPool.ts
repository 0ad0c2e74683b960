import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../http/ApiError.js';
import type { CheckReply, CheckRequest } from './checkWorker.js';
import type { CheckContext, YamlCheck } from './checkYamlText.js';

export interface CheckPoolOptions {
  /** Worker threads (default: two, or one on a single core). */
  size?: number;
  /** Longest a check may take before it is stopped and refused (default 10 s). */
  budgetMs?: number;
  /** Heap a check may use (default 512 MB): past it the worker dies, not the server. */
  heapMb?: number;
  /** Checks that may wait for a thread (default 64); past it a request is answered 503. */
  maxWaiting?: number;
}

interface Task {
  request: CheckRequest;
  resolve: (check: YamlCheck) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Its modules loaded: a check's time budget starts when the thread can begin it. */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const WORKER_FILE = new URL(
  `./checkWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * The worker of a server run from its TypeScript sources (tests, `tsx`): Node cannot load
 * .ts itself, so the thread registers tsx's loader first. Built, it is the .js beside this one.
 */
function startWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!WORKER_FILE.pathname.endsWith('.ts')) return new Worker(WORKER_FILE, { resourceLimits });
  // tsx is a development dependency: resolved here, where the sources are, not in production.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /\.cjs$/,
    '.mjs',
  );
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;
  return new Worker(boot, { eval: true, execArgv: ['--conditions=source'], resourceLimits });
}

/**
 * Parse and compile posted files on worker threads, so that no file, however it is built,
 * stalls the event loop that answers every other request (`/api/health` included): each check
 * runs within a time and a memory budget, past which its thread is stopped and the request
 * refused with a 400 saying so.
 */
export class CheckPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private readonly size: number;
  private readonly budgetMs: number;
  private readonly heapMb: number;
  private readonly maxWaiting: number;

  constructor(options: CheckPoolOptions = {}) {
    this.size = options.size ?? Math.max(1, Math.min(2, availableParallelism()));
    this.budgetMs = options.budgetMs ?? 10_000;
    this.heapMb = options.heapMb ?? 512;
    this.maxWaiting = options.maxWaiting ?? 64;
  }

  check(input: string | Uint8Array, context: CheckContext): Promise<YamlCheck> {
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(
        new ApiError(503, 'busy', 'the server is checking too many files at once; try again in a moment'),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, input, context }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop every thread; checks under way or waiting are refused. */
  async close(): Promise<void> {
    const stopping = new ApiError(503, 'shutting_down', 'the server is stopping; try again once it is back');
    for (const task of this.waiting.splice(0)) task.reject(stopping);
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        this.settle(slot, stopping);
        return slot.worker.terminate();
      }),
    );
  }

  private dispatch() {
    while (this.waiting.length) {
      // A thread for it if none is free or starting.
      if (this.slots.length < this.size && !this.slots.some((s) => s.task === null)) this.spawn();
      const slot = this.slots.find((s) => s.ready && s.task === null);
      if (!slot) return;
      const task = this.waiting.shift() as Task;
      slot.task = task;
      slot.timer = setTimeout(() => this.overBudget(slot as Slot), this.budgetMs);
      slot.worker.postMessage(task.request);
    }
  }

  private spawn() {
    const worker = startWorker(this.heapMb);
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on('message', (reply: CheckReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      if (slot.task?.request.id !== reply.id) return;
      if ('check' in reply) this.settle(slot, null, reply.check);
      else this.settle(slot, new Error(`the check failed: ${reply.error}`));
      this.dispatch();
    });
    worker.on('error', (error) => {
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.retire(
        slot,
        outOfMemory
          ? new ApiError(
              400,
              'file_too_complex',
              `checking the file needed more than ${this.heapMb} MB; split it into smaller orchestrations`,
            )
          : error,
      );
    });
    worker.on('exit', () => this.retire(slot, new Error('the check thread stopped')));
    // After the listeners, which would ref it again: an idle pool keeps no process alive.
    worker.unref();
    this.slots.push(slot);
  }

  private overBudget(slot: Slot) {
    this.retire(
      slot,
      new ApiError(
        400,
        'file_too_complex',
        `checking the file took longer than ${this.budgetMs / 1000} s; split it into smaller orchestrations`,
      ),
    );
    void slot.worker.terminate();
  }

  /** Drop a thread (its task refused with `error`); the next check starts a fresh one. */
  private retire(slot: Slot, error: Error) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.settle(slot, error);
    this.dispatch();
  }

  private settle(slot: Slot, error: Error | null, check?: YamlCheck) {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    if (!task) return;
    if (error) task.reject(error);
    else task.resolve(check as YamlCheck);
  }
}

let shared: CheckPool | null = null;

/** The process's pool: every app in it (tests start many) shares its threads. */
export function sharedCheckPool(): CheckPool {
  shared ??= new CheckPool();
  return shared;
}
