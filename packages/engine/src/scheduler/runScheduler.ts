import type { AgentCatalog, Plan, RunCancelledData, RunFailedData } from '@baton/core';
import type { RunOutputs } from '../artifacts/runOutputs.js';
import type { Clock, Dispatcher, EngineLogger, StepResult } from '../contract.js';
import type { EventRecorder } from '../events/eventRecorder.js';
import { messageOf } from '../runtimes/agentRuntime.js';
import { executeAttempts, RunCancelledError, StepControl, type StepOutcome } from './executeAttempts.js';
import { reviveStage, summaryOf } from './patternRules.js';
import { rerunPhase } from './patterns/incrementalValidation.js';
import { rulesOf } from './patterns/registry.js';
import { applyRestored, type RestoredRun } from './restoreRun.js';
import { judge } from './reviewRules.js';
import { closeCancelled, closeOpen, closeUnfinishable, runError, stepRows } from './runEnd.js';
import { StageFlow } from './stageFlow.js';
import { type StepCallContext, stepCall } from './stepCall.js';
import type { EarlierResult, StepReuse } from './stepReuse.js';
import { buildRunGraph, letsThrough, type StageRun, type StepRun } from './stepRun.js';

export interface SchedulerOptions {
  runId: string;
  plan: Plan;
  /** Registry agents with the document's inline agents laid over them. */
  catalog: AgentCatalog;
  recorder: EventRecorder;
  clock: Clock;
  dispatcher: Dispatcher;
  speed: number;
  seed: number;
  /** A dry run: every agent as its simulated stand-in. */
  simulate: boolean;
  /** Every agent's working folder. */
  workspace: string;
  /** Reports, handoff artifacts and the summary (a no-op without a data directory). */
  outputs: RunOutputs;
  /** A retry: the earlier run's results that may stand for steps of this one. */
  reuse?: StepReuse | null;
  /** Called once, after the run's last event. */
  onEnd: () => void;
  /** Where an error of the engine itself is told (the run's `run.failed` says it too). */
  logger: EngineLogger;
}

/**
 * Runs a plan (docs/design.md §2.2, §3): starts each step as soon as what it depends on let it
 * through and its stage (and the run) has a free slot, and applies each pattern's rules as
 * results come in: branch selection, barriers, review rounds, validation re-runs, skips.
 * Stages and readiness are `StageFlow`'s, the patterns' rules `patternRules`', the run's end
 * `runEnd`'s; here are the entry points, the slots and the steps' results.
 *
 * Every decision is made synchronously when a step ends, so the events of a run with
 * simulated agents are the same on every replay, and no step ever waits for a free slot.
 * An error of the engine itself fails the run (`run.failed`) rather than escaping into the
 * process that hosts it.
 */
export class RunScheduler {
  private readonly stages: StageRun[];
  private readonly steps: Map<string, StepRun>;
  private readonly flow: StageFlow;
  /** Steps holding a slot (running, or waiting to retry). */
  private readonly active = new Set<StepRun>();
  private readonly globalLimit: number;
  private readonly callContext: StepCallContext;
  /** Inside `begin`, `stepEnded` or `cancel`: the end is checked when it returns. */
  private busy = false;
  private cancelReason: string | null = null;
  private begun = false;
  /** No more scheduling: the run is ending or has ended. */
  private ended = false;
  /** The run's last event is out and `onEnd` called. */
  private finished = false;

  constructor(private readonly options: SchedulerOptions) {
    const graph = buildRunGraph(options.plan);
    this.stages = graph.stages;
    this.steps = graph.steps;
    this.flow = new StageFlow(this.stages, options.recorder);
    this.globalLimit = options.plan.maxConcurrent ?? Number.POSITIVE_INFINITY;
    const { runId, catalog, speed, seed, simulate, workspace, recorder } = options;
    this.callContext = { runId, catalog, speed, seed, simulate, workspace, recorder, steps: this.steps };
    const { reuse } = options;
    if (reuse?.size) this.flow.reuse = (s) => this.reuseStep(reuse, s);
  }

  /** Take over what a resumed run's earlier events say (before `begin`). */
  restore(restored: RestoredRun): void {
    applyRestored(restored, this.stages, this.steps);
    // A resumed retry: what it had reused still counts as reused for the steps after it.
    for (const [id, state] of Object.entries(restored.state.steps)) {
      const s = this.steps.get(id);
      if (s && state.status === 'reused') s.reused = true;
      if (s && state.status === 'running' && state.attempt > 0) s.inFlight = state.attempt;
    }
  }

  /** Start (or resume) the run. */
  begin(): void {
    this.guarded(() => {
      this.begun = true;
      if (this.cancelReason !== null) {
        this.finishCancelled();
        return;
      }
      const { flow } = this;
      for (const stage of this.stages) {
        if (stage.phase === 'running') reviveStage(flow, stage);
        else flow.closeEndedStage(stage);
        flow.drain();
      }
      for (const stage of this.stages) {
        flow.checkNeeds(stage);
        flow.drain();
      }
      this.settle();
    });
  }

  /** Stop the run: running agents are aborted, steps not started are skipped. */
  cancel(reason: string): void {
    if (this.ended || this.cancelReason !== null) return;
    this.cancelReason = reason;
    this.flow.stopped = true;
    const error = new RunCancelledError(reason);
    for (const s of this.active) s.control?.cancel(error);
    // Called from within the engine (an event listener), the end is checked on the way out.
    if (this.begun && !this.busy) this.guarded(() => this.checkEnd());
  }

  /**
   * An error of the engine itself (never an agent's: those fail their step): the run ends
   * `failed` with it, its agents are stopped, and `onEnd` is called, so that nothing escapes
   * into the process hosting the run and the caller's `done` still settles.
   */
  fail(error: unknown): void {
    this.options.logger(`internal error in run ${this.options.runId}`, error);
    if (this.finished) return;
    this.ended = true;
    this.finished = true;
    const message = `internal error: ${messageOf(error)}`;
    const stop = new RunCancelledError(message);
    const attempt = (what: () => void) => {
      try {
        what();
      } catch (again) {
        this.options.logger(`while failing run ${this.options.runId}`, again);
      }
    };
    for (const s of this.active) attempt(() => s.control?.cancel(stop));
    // Closed as the log has it (the scheduler's own view may be what broke).
    attempt(() => closeOpen(this.options.plan, this.options.recorder, message));
    attempt(() => this.options.outputs.summary(stepRows(this.options.plan, this.steps), 'failed', message));
    attempt(() => this.options.recorder.emit('run.failed', { data: { error: message } }));
    this.options.onEnd();
  }

  /** Run an entry point; what it throws fails the run. */
  private guarded(what: () => void): void {
    const outer = this.busy;
    this.busy = true;
    try {
      what();
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = outer;
    }
  }

  // --- running ------------------------------------------------------------------------

  /** Start ready steps while their stage and the run have free slots (work-conserving). */
  private pump(): void {
    if (this.cancelReason !== null || this.ended) return;
    const { readyStages } = this.flow;
    for (const stage of readyStages) {
      while (stage.running < stage.limit && this.active.size < this.globalLimit) {
        const s = stage.ready.shift();
        if (!s) break;
        if (s.phase === 'ready') this.launch(s);
      }
      if (!stage.ready.size) readyStages.delete(stage);
      if (this.active.size >= this.globalLimit) break;
    }
  }

  private launch(s: StepRun): void {
    const { stage } = s;
    // It runs: whatever it had reused before (a revision, a re-run phase) is this run's now.
    s.reused = false;
    this.options.reuse?.forget(s.step.id);
    s.phase = 'running';
    stage.running++;
    this.active.add(s);
    const control = new StepControl();
    s.control = control;
    const call = stepCall(this.callContext, s, control);
    s.inFlight = undefined; // collected once, by this launch, or never
    executeAttempts(this.options.clock, this.options.dispatcher, this.options.speed, call).then(
      (outcome) => this.guarded(() => this.stepEnded(s, outcome)),
      (error: unknown) => this.fail(error),
    );
  }

  private stepEnded(s: StepRun, outcome: StepOutcome): void {
    if (this.finished) return; // the run failed meanwhile; the step was told to stop
    s.control = undefined;
    s.stage.running--;
    this.active.delete(s);
    if (outcome.cancelled) {
      s.phase = 'cancelled';
      s.stage.unfinished--;
      this.options.recorder.emit('step.cancelled', {
        stageId: s.stage.stage.id,
        stepId: s.step.id,
        attempt: s.attempt,
        data: { reason: this.cancelReason ?? 'cancelled' },
      });
    } else {
      s.agent = outcome.agent;
      this.complete(s, outcome.result, outcome.durationMs, outcome.attempt, undefined, outcome.worker);
    }
    this.settle();
  }

  /**
   * A step an earlier run's result stands for (a retry): taken over when it would become
   * ready, and completed with that result in the flow's order, as if it had run just then.
   */
  private reuseStep(reuse: StepReuse, s: StepRun): boolean {
    const earlier = reuse.take(s, this.steps);
    if (!earlier) return false;
    s.phase = 'ready';
    this.flow.defer(() => {
      // A cancel meanwhile: it stays unfinished, and is skipped with the rest.
      if (s.phase !== 'ready' || this.cancelReason !== null || this.ended || this.finished) return;
      s.reused = true;
      s.agent = earlier.agent ?? s.step.agent ?? undefined;
      this.complete(s, earlier.result, earlier.durationMs, undefined, earlier);
    });
    return true;
  }

  /**
   * A step's result, with its pattern's rules applied (verdicts, branches, barriers, re-runs).
   * `reused`: the result is an earlier run's (no attempt in this one).
   */
  private complete(
    s: StepRun,
    raw: StepResult,
    durationMs: number,
    attempt: number | undefined,
    reused?: EarlierResult,
    worker?: string,
  ): void {
    const { step, stage } = s;
    const { flow } = this;
    const ids =
      attempt === undefined
        ? { stageId: stage.stage.id, stepId: step.id }
        : { stageId: stage.stage.id, stepId: step.id, attempt };
    const judged = judge(s, raw);
    const { result, verdict } = judged;
    if (verdict) this.options.recorder.emit('review.verdict', { ...ids, data: verdict });
    s.result = result;
    s.durationMs = durationMs;
    s.phase = result.status;
    stage.unfinished--;
    const data: {
      summary: string;
      durationMs: number;
      error?: string;
      result: StepResult;
      reused?: boolean;
      worker?: string;
    } = {
      summary: (reused && result.status === 'succeeded' && reused.summary) || summaryOf(result),
      durationMs,
      result,
    };
    if (result.status === 'failed' && result.error !== undefined) data.error = result.error;
    if (reused && result.status === 'succeeded') data.reused = true;
    if (worker !== undefined) data.worker = worker;
    this.options.recorder.emit(result.status === 'succeeded' ? 'step.succeeded' : 'step.failed', {
      ...ids,
      data,
    });
    if (step.agent !== null) this.options.outputs.report(s);
    if (result.status === 'succeeded') {
      if (step.produces) this.options.outputs.handoff(s, step.produces, result.output);
      rulesOf(stage).succeeded(flow, s, result);
    }
    if (judged.rerunPhase) rerunPhase(flow, s);
    else if (letsThrough(s)) flow.release(s);
    else if (s.phase === 'failed') {
      for (const d of s.dependents) flow.skip(d, `'${step.id}' failed`);
    }
    rulesOf(stage).ended(flow, s);
    flow.maybeEndStage(stage);
  }

  // --- the end ------------------------------------------------------------------------

  private settle(): void {
    this.flow.drain();
    this.pump();
    this.checkEnd();
  }

  private checkEnd(): void {
    if (this.ended || this.active.size) return;
    if (this.cancelReason !== null) {
      this.finishCancelled();
      return;
    }
    closeUnfinishable(this.flow);
    this.ended = true;
    const error = runError(this.stages);
    const rows = stepRows(this.options.plan, this.steps);
    if (error !== undefined) {
      this.options.outputs.summary(rows, 'failed', error);
      this.endRun('run.failed', { error });
    } else {
      this.options.outputs.summary(rows, 'succeeded');
      this.endRun('run.succeeded');
    }
  }

  private finishCancelled(): void {
    if (this.ended) return;
    this.ended = true;
    closeCancelled(this.flow);
    this.options.outputs.summary(
      stepRows(this.options.plan, this.steps),
      'cancelled',
      this.cancelReason ?? 'cancelled',
    );
    this.endRun('run.cancelled', { reason: this.cancelReason ?? 'cancelled' });
  }

  /** The run's last event; then the caller hears that it ended. */
  private endRun(
    type: 'run.succeeded' | 'run.failed' | 'run.cancelled',
    data?: RunFailedData | RunCancelledData,
  ): void {
    this.options.recorder.emit(type, data === undefined ? {} : { data });
    this.finished = true;
    this.options.onEnd();
  }
}
