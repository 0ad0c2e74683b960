import type { RunEvent } from '@baton/core';
import type { Clock, EngineLogger } from '../contract.js';
import type { EventRecorder } from '../events/eventRecorder.js';
import type { StepRun } from '../scheduler/stepRun.js';
import { reportMarkdown } from './reportMarkdown.js';
import type { ArtifactRef, RunArtifacts } from './runArtifacts.js';
import { type AgentExecuted, type BatonStepFacts, contextText, executedOf, jsonAt } from './runContext.js';
import { summaryMarkdown } from './summaryMarkdown.js';

/**
 * The least time between two rewrites of `context.json` while the run goes on (wall time): a
 * step that ends sooner after the last rewrite is in the next one. Real agents take far longer,
 * so there each end is written at once; a thousand fast simulated steps are not a thousand
 * rewrites of a growing file (quadratic).
 */
const CONTEXT_INTERVAL_MS = 100;

/** What the run's artifacts say about it, besides what its steps do. */
export interface RunFacts {
  runId: string;
  name: string;
  startedAtMs: number;
  simulate: boolean;
  workspace: string;
}

/**
 * What a run leaves behind on disk, each file announced once with `artifact.created`: the
 * seed's `context.json` (rewritten as each step ends), one report per step, handoffs and
 * `summary.md`. Without a data directory every call is a no-op. A write that fails (a full
 * disk) is reported once on stderr and artifacts stop; the run itself goes on. Anything else
 * that goes wrong making one artifact costs that artifact only.
 */
export class RunOutputs {
  private broken = false;
  /**
   * `agents_executed`, one entry per step in the order they first ended (a revision updates its
   * entry), each kept rendered (see `contextText`).
   */
  private executed: Map<string, string> | null = null;
  /** `baton.steps`, rendered likewise. */
  private stepFacts = new Map<string, string>();
  private settings = { speed: 1, seed: 0 };
  private lastContextAt = Number.NEGATIVE_INFINITY;
  private contextTimer: NodeJS.Timeout | null = null;
  private ending: { outcome: 'succeeded' | 'failed' | 'cancelled'; error?: string; summary: string } | null =
    null;

  constructor(
    private readonly artifacts: RunArtifacts | null,
    private readonly recorder: EventRecorder,
    private readonly clock: Clock,
    private readonly facts: RunFacts,
    private readonly logger: EngineLogger,
    private readonly announced: Set<string> = new Set(),
  ) {}

  get dir(): string | null {
    return this.artifacts?.dir ?? null;
  }

  /** The run has started: `context.json` says so (`in_progress`). */
  context(settings: { speed: number; seed: number }): void {
    this.settings = settings;
    this.write(undefined, (a) => this.writeContext(a));
  }

  /** A resumed run: its speed and seed, for the context rewritten as its steps end. */
  resumed(settings: { speed: number; seed: number }): void {
    this.settings = settings;
  }

  report(s: StepRun): void {
    const result = s.result;
    if (!result) return;
    const started = this.startOf(s.step.id);
    const reused = s.reused === true;
    const simulated = !reused && started.simulated;
    const agent = s.agent ?? s.step.agent ?? '(barrier)';
    this.write(s, (a) => {
      const ref = a.writeReport(
        s.step.id,
        reportMarkdown({
          step: s.step,
          pattern: s.stage.stage.pattern,
          agent,
          attempt: s.attempt,
          round: s.round,
          durationMs: s.durationMs ?? 0,
          result,
          reused,
          simulated,
        }),
      );
      // The context follows each report, so it never names a report that is not on disk.
      const now = new Date(this.clock.now()).toISOString();
      const executed = this.executedSoFar(a);
      const entry: AgentExecuted = {
        name: agent,
        started_at: started.at ?? now,
        completed_at: now,
        status: result.status === 'succeeded' ? 'completed' : 'failed',
        report_path: ref.path,
      };
      executed.set(s.step.id, jsonAt(entry, 4));
      const facts: BatonStepFacts = { agent, report_path: ref.path, attempt: s.attempt };
      if (simulated) facts.simulated = true;
      if (reused) facts.reused = true;
      this.stepFacts.set(s.step.id, jsonAt(facts, 6));
      return ref;
    });
    this.contextChanged();
  }

  /** Rewrite `context.json` now, or soon when it was just rewritten (see CONTEXT_INTERVAL_MS). */
  private contextChanged(): void {
    if (this.contextTimer || this.ending) return;
    const wait = this.lastContextAt + CONTEXT_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.write(undefined, (a) => this.writeContext(a));
      return;
    }
    this.contextTimer = setTimeout(() => {
      this.contextTimer = null;
      if (!this.ending) this.write(undefined, (a) => this.writeContext(a));
    }, wait);
    // A run's end writes it anyway; a pending rewrite must not keep a process alive.
    this.contextTimer.unref?.();
  }

  handoff(s: StepRun, name: string, content: string): void {
    this.write(s, (a) => a.writeHandoff(s.step.id, name, content));
  }

  /** The run's end: `summary.md`, then `context.json` `completed` (or `failed`, for a failure or a cancel). */
  summary(steps: StepRun[], status: 'succeeded' | 'failed' | 'cancelled', error?: string): void {
    this.write(undefined, (a) => {
      const simulated = this.simulatedSteps();
      const ref = a.writeSummary(
        summaryMarkdown({
          orchestration: this.facts.name,
          runId: this.facts.runId,
          status,
          ...(error ? { error } : {}),
          simulate: this.facts.simulate,
          startedAtMs: this.facts.startedAtMs,
          finishedAtMs: this.clock.now(),
          rows: steps.map((s) => {
            const reused = s.reused === true && s.phase === 'succeeded';
            return {
              stepId: s.step.id,
              agent: s.agent ?? s.step.agent,
              status: reused ? 'reused' : s.phase,
              attempts: s.attempt,
              ...(s.durationMs !== undefined ? { durationMs: s.durationMs } : {}),
              simulated: !reused && simulated.has(s.step.id),
              report: s.step.agent ? a.readReport(s.step.id) : null,
            };
          }),
        }),
      );
      this.ending = { outcome: status, ...(error ? { error } : {}), summary: ref.path };
      return ref;
    });
    // Its own write: a summary that could not be made still leaves the context's status true.
    if (this.contextTimer) clearTimeout(this.contextTimer);
    this.contextTimer = null;
    this.write(undefined, (a) => this.writeContext(a));
  }

  private writeContext(a: RunArtifacts): ArtifactRef {
    const ending = this.ending;
    const executed = [...this.executedSoFar(a).values()];
    const text = contextText(
      {
        feature_name: this.facts.name,
        timestamp: a.stamp.replace(/-\d+$/, ''),
        session_dir: a.sessionDir,
        created_at: new Date(this.facts.startedAtMs).toISOString(),
        status: ending ? (ending.outcome === 'succeeded' ? 'completed' : 'failed') : 'in_progress',
        summary_path: ending?.summary ?? null,
      },
      executed,
      {
        runId: this.facts.runId,
        orchestration: this.facts.name,
        simulate: this.facts.simulate,
        workspace: this.facts.workspace,
        ...this.settings,
        ...(ending ? { outcome: ending.outcome } : {}),
        ...(ending?.error ? { error: ending.error } : {}),
      },
      [...this.stepFacts],
    );
    this.lastContextAt = performance.now();
    return a.writeContextText(text);
  }

  /** `agents_executed` so far; a resumed run starts from the `context.json` it left. */
  private executedSoFar(a: RunArtifacts): Map<string, string> {
    if (this.executed) return this.executed;
    const executed = new Map<string, string>();
    const earlier = executedOf(a.readContext());
    const idOfReport = new Map([...earlier.steps].map(([id, f]) => [f.report_path, id]));
    for (const entry of earlier.agents)
      executed.set(idOfReport.get(entry.report_path) ?? entry.report_path, jsonAt(entry, 4));
    const facts = new Map([...earlier.steps].map(([id, f]) => [id, jsonAt(f, 6)] as const));
    // Reports the log announced that the file has no entry for (written just before a crash).
    for (const e of this.recorder.events) {
      if (e.type !== 'artifact.created' || !e.stepId || executed.has(e.stepId)) continue;
      if (e.data.path !== a.pathOf(a.reportFile(e.stepId))) continue;
      const entry = this.executedFromLog(e.stepId, e.data.path);
      if (entry) executed.set(e.stepId, jsonAt(entry, 4));
    }
    this.stepFacts = new Map([...facts, ...this.stepFacts]);
    this.executed = executed;
    return executed;
  }

  /** A step's `agents_executed` entry as the log has it: its last end and the start before. */
  private executedFromLog(stepId: string, reportPath: string): AgentExecuted | null {
    const { events } = this.recorder;
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i] as RunEvent;
      if (e.stepId !== stepId || (e.type !== 'step.succeeded' && e.type !== 'step.failed')) continue;
      let started: RunEvent | undefined;
      for (let j = i - 1; j >= 0; j--) {
        const b = events[j] as RunEvent;
        if (b.stepId !== stepId) continue;
        if (b.type === 'step.started') started = b;
        else if (b.type === 'step.succeeded' || b.type === 'step.failed' || b.type === 'step.queued') break;
      }
      const agent = started?.type === 'step.started' ? started.data.agent : null;
      return {
        name: agent ?? '(unknown)',
        started_at: started?.ts ?? e.ts,
        completed_at: e.ts,
        status: e.type === 'step.succeeded' ? 'completed' : 'failed',
        report_path: reportPath,
      };
    }
    return null;
  }

  /**
   * When the step's latest execution started (its first attempt there, retries included) and
   * whether its last attempt ran simulated: from the log, back to the step's previous end.
   */
  private startOf(stepId: string): { at?: string; simulated: boolean } {
    const { events } = this.recorder;
    let at: string | undefined;
    let simulated: boolean | undefined;
    let ends = 0;
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i] as RunEvent;
      if (e.stepId !== stepId) continue;
      if (e.type === 'step.started') {
        at = e.ts;
        simulated ??= e.data.simulated === true;
      } else if (e.type === 'step.queued' && at !== undefined) break;
      else if (e.type === 'step.succeeded' || e.type === 'step.failed') {
        // The first end met is this one; the next is the execution before.
        if (++ends > 1) break;
      }
    }
    return { ...(at !== undefined ? { at } : {}), simulated: simulated === true };
  }

  /** Steps whose latest attempt ran simulated (`step.started` says so). */
  private simulatedSteps(): Set<string> {
    const latest = new Map<string, boolean>();
    for (const e of this.recorder.events) {
      if (e.type === 'step.started' && e.stepId) latest.set(e.stepId, e.data.simulated === true);
    }
    return new Set([...latest].filter(([, simulated]) => simulated).map(([id]) => id));
  }

  private write(s: StepRun | undefined, write: (a: RunArtifacts) => ArtifactRef): void {
    if (!this.artifacts || this.broken) return;
    let ref: ArtifactRef;
    try {
      ref = write(this.artifacts);
    } catch (error) {
      if (isIoError(error)) {
        this.broken = true;
        this.logger(`cannot write the run's artifacts in ${this.artifacts.dir}`, error);
      } else {
        this.logger(`cannot make an artifact of run ${this.facts.runId}`, error);
      }
      return;
    }
    if (this.announced.has(ref.path)) return;
    this.announced.add(ref.path);
    this.recorder.emit('artifact.created', {
      ...(s ? { stageId: s.stage.stage.id, stepId: s.step.id } : {}),
      data: ref,
    });
  }
}

/** A failure of the file system (ENOSPC, EACCES, EROFS…): Node's system errors carry a code. */
function isIoError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
