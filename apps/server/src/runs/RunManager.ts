import { randomUUID } from 'node:crypto';
import { type AgentCatalog, compile, parse, type RunEvent, type RunState, reduceRun } from '@baton/core';
import { type RunHandle, startRun } from '@baton/engine';
import type { Logger } from 'pino';
import type { RunStore, StoredRun } from '../store/runStore.js';

export type RunListener = (events: readonly RunEvent[]) => void;

/** Events that settle something: written at once rather than with the next batch. */
const DURABLE_AT_ONCE = new Set<RunEvent['type']>([
  'step.succeeded',
  'step.failed',
  'run.succeeded',
  'run.failed',
  'run.cancelled',
]);

export interface RunManagerOptions {
  store: RunStore;
  agents: () => AgentCatalog;
  dataDir: string;
  logger: Logger;
}

export interface NewRun {
  orchestrationId: string | null;
  name: string;
  yaml: string;
  speed: number;
  dispatcher: 'local' | 'queue';
}

/**
 * Starts runs on the engine and owns their event logs: events are appended in batched
 * transactions, then handed to live subscribers (SSE) in `seq` order, so a client never sees
 * an event the store could lose. On start it resumes the runs a previous process left.
 */
export class RunManager {
  private readonly active = new Map<string, RunHandle>();
  private readonly listeners = new Map<string, Set<RunListener>>();
  private pending: RunEvent[] = [];
  private flushScheduled = false;
  private accepting = true;

  constructor(private readonly options: RunManagerOptions) {}

  start(input: NewRun): StoredRun {
    const stored = this.options.store.create({ id: randomUUID(), ...input });
    this.launch(stored, []);
    return stored;
  }

  /** Resume every run a previous process left unfinished: finished steps are kept, the rest run. */
  resumeUnfinished(): number {
    const runs = this.options.store.unfinished();
    for (const run of runs) {
      const events = this.options.store.events(run.id);
      this.options.logger.info({ runId: run.id, events: events.length }, 'resuming run');
      this.launch(run, events);
    }
    return runs.length;
  }

  private launch(run: StoredRun, previousEvents: RunEvent[]) {
    const parsed = parse(run.yaml);
    const agents = this.options.agents();
    if (!parsed.document) throw new Error(`stored run ${run.id} has YAML that no longer parses`);
    const { plan } = compile(parsed.document, { agents });
    const handle = startRun({
      runId: run.id,
      document: parsed.document,
      plan,
      agents,
      speed: run.speed,
      dataDir: this.options.dataDir,
      previousEvents,
      onEvent: (event) => this.record(event),
    });
    this.active.set(run.id, handle);
    void handle.done.then(() => {
      this.flush();
      this.active.delete(run.id);
    });
  }

  private record(event: RunEvent) {
    if (!this.accepting) return; // shutting down: the run resumes from what is stored
    this.pending.push(event);
    if (DURABLE_AT_ONCE.has(event.type)) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Write what is pending in one transaction, then tell the subscribers. */
  flush() {
    this.flushScheduled = false;
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.options.store.append(batch);
    const byRun = new Map<string, RunEvent[]>();
    for (const e of batch) {
      const list = byRun.get(e.runId);
      if (list) list.push(e);
      else byRun.set(e.runId, [e]);
    }
    for (const [runId, events] of byRun) {
      for (const listener of this.listeners.get(runId) ?? []) listener(events);
    }
  }

  /**
   * Events after `afterSeq`, then every new one as it is stored. Stored and live events meet
   * without a gap or a repeat because this all happens in one synchronous step.
   */
  subscribe(runId: string, afterSeq: number, listener: RunListener): () => void {
    this.flush();
    const past = this.options.store.events(runId, afterSeq);
    if (past.length) listener(past);
    let set = this.listeners.get(runId);
    if (!set) {
      set = new Set();
      this.listeners.set(runId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(runId);
    };
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  state(runId: string): RunState {
    this.flush();
    return reduceRun(this.options.store.events(runId));
  }

  cancel(runId: string, reason = 'cancelled by request'): boolean {
    const handle = this.active.get(runId);
    if (!handle) return false;
    handle.cancel(reason);
    return true;
  }

  /** Resolves when the run has ended (at once if it is not active). */
  async settled(runId: string): Promise<void> {
    await this.active.get(runId)?.done;
    this.flush();
  }

  /**
   * Graceful stop: keep what is stored (the runs resume on the next start), stop the agents
   * this process started, and write the last batch.
   */
  async shutdown(): Promise<void> {
    this.flush();
    this.accepting = false;
    const handles = [...this.active.values()];
    for (const h of handles) h.cancel('server shutting down');
    await Promise.all(handles.map((h) => h.done));
    this.active.clear();
  }
}
