import { randomUUID } from 'node:crypto';
import {
  type AgentCatalog,
  catalogFor,
  compile,
  type Orchestration,
  type Plan,
  parse,
  type RunEvent,
  type RunState,
  reduceRun,
  stepFingerprints,
} from '@baton/core';
import { type Dispatcher, type RunHandle, type RunReuse, startRun } from '@baton/engine';
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
  /** Failed agent → why: a run that cannot resume because its agent's file broke says so. */
  unavailableAgents?: () => Readonly<Record<string, string>>;
  dataDir: string;
  /** The server's workspace: the folder new runs' agents work in. */
  workspace: string;
  /** The queue dispatcher (docs/design.md §3.4), when the server has one: runs with `dispatcher: 'queue'` use it. */
  queue?: Dispatcher | null;
  logger: Logger;
}

export interface NewRun {
  orchestrationId: string | null;
  name: string;
  yaml: string;
  speed: number;
  /** A dry run: every agent as its simulated stand-in. */
  simulate: boolean;
  /** The YAML's model and plan, already checked by the route. */
  document: Orchestration;
  plan: Plan;
  /** A retry: the finished run whose unchanged results it reuses. */
  retryOf?: string;
  /** Where its steps run. Default local. */
  dispatcher?: 'local' | 'queue';
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
  /** Runs whose events can no longer be stored: whatever they still emit is dropped. */
  private readonly detached = new Set<string>();
  /** Active runs whose steps are on the queue. */
  private readonly queued = new Set<string>();

  constructor(private readonly options: RunManagerOptions) {}

  start(input: NewRun): StoredRun {
    const { document, plan, retryOf, dispatcher = 'local', ...record } = input;
    if (dispatcher === 'queue' && !this.options.queue) throw new Error('this server has no queue dispatcher');
    // Read before the new run exists: a retry reuses what the earlier run has stored by now.
    const reuse = retryOf === undefined ? undefined : this.reuseOf(retryOf);
    const stored = this.options.store.create({
      id: randomUUID(),
      dispatcher,
      workspace: this.options.workspace,
      ...record,
      ...(retryOf === undefined ? {} : { retryOf }),
      fingerprints: this.fingerprintsOf(document, plan),
    });
    this.launch(stored, document, plan, [], reuse);
    return stored;
  }

  /** Each step's fingerprint as it runs now: its agent (the registry's, inline ones laid over), task, settings. */
  private fingerprintsOf(document: Orchestration, plan: Plan): Record<string, string> {
    return stepFingerprints(plan, catalogFor(document.agents, this.options.agents()));
  }

  /**
   * What a retry of `runId` may reuse: its events, and its steps' fingerprints as stored when it
   * started (for a run stored before they were: from its YAML and today's registry).
   */
  private reuseOf(runId: string): RunReuse | undefined {
    const run = this.options.store.get(runId);
    if (!run) return undefined;
    this.flush();
    const events = this.options.store.events(runId);
    let fingerprints = this.options.store.fingerprints(runId);
    if (!fingerprints) {
      const parsed = parse(run.yaml);
      const compiled = parsed.document ? compile(parsed.document, { agents: this.options.agents() }) : null;
      fingerprints = parsed.document && compiled ? this.fingerprintsOf(parsed.document, compiled.plan) : {};
    }
    return { events, fingerprints };
  }

  /**
   * Resume every run a previous process left unfinished: finished steps are kept, the rest
   * run. A run that cannot resume (its YAML no longer valid) is marked failed, saying why;
   * it never keeps the server from starting.
   */
  resumeUnfinished(): number {
    let resumed = 0;
    for (const run of this.options.store.unfinished()) {
      const { events, unreadable } = this.options.store.read(run.id);
      if (unreadable) {
        // A hole in the log: resuming could run a finished step again. The row stays as stored.
        this.failUnresumable(
          run.id,
          `its stored event ${unreadable.seq} cannot be read (${unreadable.reason}); it was left as stored`,
        );
        continue;
      }
      if (run.dispatcher === 'queue' && !this.options.queue) {
        // Not run here instead: a worker may still be running its steps.
        this.failUnresumable(
          run.id,
          'its steps were on the queue and this server has no queue dispatcher (start it with --redis URL)',
        );
        continue;
      }
      const parsed = parse(run.yaml);
      const compiled = parsed.document
        ? compile(parsed.document, {
            agents: this.options.agents(),
            unavailableAgents: this.options.unavailableAgents?.() ?? {},
          })
        : null;
      const error =
        parsed.diagnostics.find((d) => d.severity === 'error') ??
        compiled?.issues.find((i) => i.severity === 'error');
      if (!parsed.document || !compiled || error) {
        this.failUnresumable(run.id, error?.message ?? 'its file no longer parses');
        continue;
      }
      this.options.logger.info({ runId: run.id, events: events.length }, 'resuming run');
      // A retry resumed: what it reused stays reused, and what it had yet to reach may still be.
      const reuse = run.retryOf === undefined ? undefined : this.reuseOf(run.retryOf);
      this.launch(run, parsed.document, compiled.plan, events, reuse);
      resumed++;
    }
    return resumed;
  }

  /** Mark a run that cannot resume failed, saying why (after its last stored seq, readable or not). */
  private failUnresumable(runId: string, reason: string) {
    this.options.logger.error({ runId, reason }, 'run cannot resume');
    this.options.store.append([
      {
        seq: this.options.store.lastSeq(runId) + 1,
        runId,
        ts: new Date().toISOString(),
        type: 'run.failed',
        data: { error: `the run could not resume after a restart: ${reason}` },
      },
    ]);
  }

  private launch(
    run: StoredRun,
    document: Orchestration,
    plan: Plan,
    previousEvents: RunEvent[],
    reuse?: RunReuse,
  ) {
    const handle = startRun({
      runId: run.id,
      document,
      plan,
      agents: this.options.agents(),
      speed: run.speed,
      // A resumed run goes on as it began: simulated or not, in the folder it started in.
      simulate: run.simulate,
      workspace: run.workspace ?? this.options.workspace,
      dataDir: this.options.dataDir,
      ...(run.dispatcher === 'queue' && this.options.queue ? { dispatcher: this.options.queue } : {}),
      previousEvents,
      ...(reuse ? { reuse } : {}),
      onEvent: (event) => this.record(event),
      // What the run cannot record as an event goes to the server's log, with the run's id.
      logger: (message, error) =>
        this.options.logger.error(
          error === undefined ? { runId: run.id } : { runId: run.id, err: error },
          message,
        ),
    });
    this.active.set(run.id, handle);
    if (run.dispatcher === 'queue') this.queued.add(run.id);
    void handle.done.then(() => {
      this.queued.delete(run.id);
      this.flush();
      this.active.delete(run.id);
    });
  }

  private record(event: RunEvent) {
    // Shutting down, or the store failed: the run resumes from what is stored.
    if (!this.accepting || this.detached.has(event.runId)) return;
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
    const byRun = new Map<string, RunEvent[]>();
    for (const e of batch) {
      const list = byRun.get(e.runId);
      if (list) list.push(e);
      else byRun.set(e.runId, [e]);
    }
    try {
      this.options.store.append(batch);
    } catch (error) {
      // Nothing of the batch is stored (one transaction), so no client is told of it either;
      // the runs stop here and resume from what is stored on the next start.
      this.options.logger.error(
        { err: error, runs: [...byRun.keys()] },
        'could not store run events; stopping those runs',
      );
      for (const runId of byRun.keys()) this.detach(runId);
      return;
    }
    for (const [runId, events] of byRun) {
      for (const listener of this.listeners.get(runId) ?? []) listener(events);
    }
  }

  /** Stop a run's agents without recording anything more for it. */
  private detach(runId: string) {
    const handle = this.active.get(runId);
    if (!handle) return;
    this.detached.add(runId);
    this.active.delete(runId);
    handle.cancel('the store could not record this run');
  }

  /**
   * Events after `afterSeq`, then every new one as it is stored. Stored and live events meet
   * without a gap or a repeat because this all happens in one synchronous step.
   */
  subscribe(runId: string, afterSeq: number, listener: RunListener): () => void {
    const unsubscribe = this.watch(runId, listener);
    const past = this.options.store.events(runId, afterSeq);
    if (past.length) listener(past);
    return unsubscribe;
  }

  /**
   * Every new event of a run as it is stored (nothing stored before): with `eventsAfter`, what
   * an event stream reads at its own pace, a page at a time, rather than a whole log at once.
   */
  watch(runId: string, listener: RunListener): () => void {
    this.flush();
    let set = this.listeners.get(runId);
    if (!set) {
      set = new Set();
      this.listeners.set(runId, set);
    }
    const listeners = set;
    const unsubscribe = () => {
      listeners.delete(listener);
      if (!listeners.size && this.listeners.get(runId) === listeners) this.listeners.delete(runId);
    };
    listeners.add(listener);
    return unsubscribe;
  }

  /** Shutting down: the store is about to close, and event streams end. */
  get stopping(): boolean {
    return !this.accepting;
  }

  /** Up to `limit` stored events of a run after `afterSeq` (what is pending is stored first). */
  eventsAfter(runId: string, afterSeq: number, limit: number): RunEvent[] {
    this.flush();
    return this.options.store.events(runId, afterSeq, limit);
  }

  /** Live subscribers of a run (for tests and diagnostics). */
  listenerCount(runId: string): number {
    return this.listeners.get(runId)?.size ?? 0;
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
    // A queue run's steps go on on their workers; the next start collects their results.
    // (Cancelled, they would end as cancelled: the cancel would reach the workers.)
    const handles = [...this.active].filter(([id]) => !this.queued.has(id)).map(([, h]) => h);
    for (const h of handles) h.cancel('server shutting down');
    await Promise.all(handles.map((h) => h.done));
    this.active.clear();
    this.queued.clear();
  }
}
