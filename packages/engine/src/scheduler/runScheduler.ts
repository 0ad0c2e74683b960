import type { AgentCatalog, Plan } from '@baton/core';
import type { RunOutputs } from '../artifacts/runOutputs.js';
import type { Clock, Dispatcher, StepResult } from '../contract.js';
import type { EventRecorder } from '../events/eventRecorder.js';
import { messageOf } from '../runtimes/agentRuntime.js';
import { executeAttempts, RunCancelledError, StepControl, type StepOutcome } from './executeAttempts.js';
import { noBranchError, pickBranch, summaryOf } from './patternRules.js';
import { applyRestored, type RestoredRun } from './restoreRun.js';
import { attemptsLeft, judge, revisionDue, validationFailed } from './reviewRules.js';
import { closeOpen } from './runEnd.js';
import { type StepCallContext, stepCall } from './stepCall.js';
import { StepQueue } from './stepQueue.js';
import { buildRunGraph, isFinished, letsThrough, type StageRun, type StepRun } from './stepRun.js';

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
  /** Reports, handoff artifacts and the summary (a no-op without a data directory). */
  outputs: RunOutputs;
  /** Called once, after the run's last event. */
  onEnd: () => void;
}

/**
 * Runs a plan (DESIGN §2.2, §3): starts each step as soon as what it depends on let it
 * through and its stage (and the run) has a free slot, and applies each pattern's rules as
 * results come in: branch selection, barriers, review rounds, validation re-runs, skips.
 *
 * Every decision is made synchronously when a step ends, so the events of a run with
 * simulated agents are the same on every replay, and no step ever waits for a free slot.
 * What one decision sets off in turn (a stage's end starting the next, a pure barrier passing
 * the next) goes through a work queue, not recursion: a plan of thousands of stages or
 * barriers must not overflow the stack. An error of the engine itself fails the run
 * (`run.failed`) rather than escaping into the process that hosts it.
 */
export class RunScheduler {
  private readonly stages: StageRun[];
  private readonly steps: Map<string, StepRun>;
  /** Stages with steps waiting for a slot, in the order they got them. */
  private readonly readyStages = new Set<StageRun>();
  /** Steps holding a slot (running, or waiting to retry). */
  private readonly active = new Set<StepRun>();
  private readonly globalLimit: number;
  private readonly callContext: StepCallContext;
  /** Work set off by a decision, done after it in order (see `drain`). */
  private readonly work = new StepQueue<() => void>();
  /** Inside `begin`, `stepEnded` or `cancel`: the end is checked when it returns. */
  private busy = false;
  private cancelReason: string | null = null;
  private begun = false;
  /** No more scheduling: the run is ending or has ended. */
  private ended = false;
  /** The run's last event is out and `onEnd` called. */
  private finished = false;

  constructor(private readonly o: SchedulerOptions) {
    const graph = buildRunGraph(o.plan);
    this.stages = graph.stages;
    this.steps = graph.steps;
    this.globalLimit = o.plan.maxConcurrent ?? Number.POSITIVE_INFINITY;
    const { runId, catalog, speed, seed, recorder } = o;
    this.callContext = { runId, catalog, speed, seed, recorder, steps: this.steps };
  }

  /** Take over what a resumed run's earlier events say (before `begin`). */
  restore(restored: RestoredRun): void {
    applyRestored(restored, this.stages, this.steps);
  }

  /** Start (or resume) the run. */
  begin(): void {
    this.guarded(() => {
      this.begun = true;
      if (this.cancelReason !== null) {
        this.finishCancelled();
        return;
      }
      for (const stage of this.stages) {
        if (stage.phase === 'running') this.reviveStage(stage);
        else this.closeEndedStage(stage);
        this.drain();
      }
      for (const stage of this.stages) {
        this.checkNeeds(stage);
        this.drain();
      }
      this.settle();
    });
  }

  /** Stop the run: running agents are aborted, steps not started are skipped. */
  cancel(reason: string): void {
    if (this.ended || this.cancelReason !== null) return;
    this.cancelReason = reason;
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
    console.error(`baton engine: internal error in run ${this.o.runId}:`, error);
    if (this.finished) return;
    this.ended = true;
    this.finished = true;
    const message = `internal error: ${messageOf(error)}`;
    const stop = new RunCancelledError(message);
    const attempt = (what: () => void) => {
      try {
        what();
      } catch (again) {
        console.error(`baton engine: while failing run ${this.o.runId}:`, again);
      }
    };
    for (const s of this.active) attempt(() => s.control?.cancel(stop));
    // Closed as the log has it (the scheduler's own view may be what broke).
    attempt(() => closeOpen(this.o.plan, this.o.recorder, message));
    attempt(() => this.o.outputs.summary(this.stepRows(), 'failed', message));
    attempt(() => this.o.recorder.emit('run.failed', { data: { error: message } }));
    this.o.onEnd();
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

  /** Queue work set off by a decision (rather than recursing into it). */
  private defer(task: () => void): void {
    this.work.push(task);
  }

  /** Do the queued work, and the work it queues, in order, on a flat stack. */
  private drain(): void {
    for (let task = this.work.shift(); task; task = this.work.shift()) task();
  }

  // --- stages -------------------------------------------------------------------------

  private checkNeeds(stage: StageRun): void {
    if (stage.phase !== 'waiting' || this.cancelReason !== null) return;
    const blocked = stage.needs.find((n) => n.phase === 'failed' || n.phase === 'skipped');
    if (blocked) {
      const how = blocked.phase === 'failed' ? 'failed' : 'was skipped';
      this.skipStage(stage, `needs stage '${blocked.stage.id}', which ${how}`);
    } else if (stage.needs.every((n) => n.phase === 'succeeded')) {
      this.startStage(stage);
    }
  }

  private startStage(stage: StageRun): void {
    stage.phase = 'running';
    this.o.recorder.emit('stage.started', { stageId: stage.stage.id });
    this.evaluate(stage.steps);
    this.maybeEndStage(stage);
  }

  private skipStage(stage: StageRun, reason: string): void {
    stage.phase = 'skipped';
    stage.skipReason = reason;
    this.o.recorder.emit('stage.skipped', { stageId: stage.stage.id, data: { reason } });
    for (const s of stage.steps) this.markSkipped(s, reason);
    for (const next of stage.neededBy) this.defer(() => this.checkNeeds(next));
  }

  /** A resumed stage that had ended: steps a crash left without their skip are skipped now. */
  private closeEndedStage(stage: StageRun): void {
    if (stage.phase !== 'skipped' && stage.phase !== 'failed') return;
    const reason =
      stage.phase === 'skipped' ? (stage.skipReason ?? 'stage skipped') : `stage '${stage.stage.id}' failed`;
    for (const s of stage.steps) this.markSkipped(s, reason);
  }

  /** A resumed stage: redo what a crash may have cut short, then carry on. */
  private reviveStage(stage: StageRun): void {
    const analyzer = stage.steps.find((s) => s.step.role === 'analyzer');
    if (analyzer?.phase === 'succeeded' && analyzer.result) {
      if (stage.selectedBranch === undefined) this.selectBranch(stage, analyzer.result);
      else {
        const branches = stage.steps.filter((s) => s.step.role === 'branch');
        if (stage.selectedBranch === null) {
          stage.error = noBranchError(
            analyzer.result.condition,
            branches.map((b) => b.step),
          );
        }
        for (const b of branches) {
          if (b.step.id !== stage.selectedBranch) this.skip(b, 'branch not taken');
        }
      }
    }
    for (const v of stage.steps) {
      const agentStep = v.step.role === 'validator' ? v.dependencies[0] : undefined;
      if (agentStep && v.round === agentStep.round && validationFailed(v) && attemptsLeft(v)) {
        this.rerunPhase(v);
      }
    }
    this.maybeRevise(stage);
    this.evaluate(stage.steps);
    this.maybeEndStage(stage);
  }

  private maybeEndStage(stage: StageRun): void {
    if (stage.phase !== 'running' || stage.unfinished > 0) return;
    const failedStep = stage.steps.find((s) => s.phase === 'failed');
    const error =
      stage.error ??
      (failedStep ? `'${failedStep.step.id}' failed: ${failedStep.result?.error ?? 'failed'}` : undefined);
    if (error !== undefined) {
      stage.phase = 'failed';
      stage.error = error;
      this.o.recorder.emit('stage.failed', { stageId: stage.stage.id, data: { error } });
    } else {
      stage.phase = 'succeeded';
      this.o.recorder.emit('stage.succeeded', { stageId: stage.stage.id });
    }
    for (const next of stage.neededBy) this.defer(() => this.checkNeeds(next));
  }

  // --- readiness ----------------------------------------------------------------------

  /** Count what each pending step still waits for; skip those a failure blocks; ready the rest. */
  private evaluate(steps: readonly StepRun[]): void {
    for (const s of steps) {
      if (s.phase === 'pending') s.unmet = s.dependencies.filter((d) => !letsThrough(d)).length;
    }
    for (const s of steps) {
      if (s.phase !== 'pending') continue;
      const blocked = s.dependencies.find(
        (d) => d.phase === 'failed' || d.phase === 'skipped' || d.phase === 'cancelled',
      );
      if (blocked)
        this.skip(s, `'${blocked.step.id}' ${blocked.phase === 'failed' ? 'failed' : 'was skipped'}`);
      else if (s.unmet === 0) this.makeReady(s);
    }
  }

  private makeReady(s: StepRun): void {
    const { step, stage } = s;
    if (step.role === 'branch' && stage.selectedBranch !== step.id) {
      this.skip(s, stage.selectedBranch === null ? 'no branch matches' : 'branch not taken');
      return;
    }
    if (step.agent === null) {
      // Ready, not queued for a slot: it passes as soon as the work before it is done.
      s.phase = 'ready';
      this.defer(() => this.passPureBarrier(s));
      return;
    }
    // The round it will run in, known now: a log cut before it starts still says so.
    if (step.role === 'primary' || step.role === 'reviewer') s.round = stage.reviewRound;
    if (step.role === 'validator') s.round = s.dependencies[0]?.round ?? 1;
    s.phase = 'ready';
    const ids = { stageId: stage.stage.id, stepId: step.id };
    this.o.recorder.emit('step.queued', s.round > 1 ? { ...ids, data: { round: s.round } } : ids);
    stage.ready.push(s);
    this.readyStages.add(stage);
  }

  /** Steps that depend on `s` (which let them through) lose one thing to wait for. */
  private release(s: StepRun): void {
    for (const d of s.dependents) {
      if (d.phase !== 'pending') continue;
      d.unmet--;
      if (d.unmet <= 0) this.makeReady(d);
    }
  }

  /** Skip a step and, transitively, what depends on it. */
  private skip(first: StepRun, reason: string): void {
    const todo: [StepRun, string][] = [[first, reason]];
    for (let item = todo.pop(); item; item = todo.pop()) {
      const [s, why] = item;
      if (!this.markSkipped(s, why)) continue;
      for (const d of s.dependents) todo.push([d, `'${s.step.id}' was skipped`]);
    }
  }

  private markSkipped(s: StepRun, reason: string): boolean {
    if (isFinished(s.phase) || s.phase === 'running') return false;
    s.phase = 'skipped';
    s.stage.unfinished--;
    this.o.recorder.emit('step.skipped', { stageId: s.stage.stage.id, stepId: s.step.id, data: { reason } });
    return true;
  }

  // --- running ------------------------------------------------------------------------

  /** Start ready steps while their stage and the run have free slots (work-conserving). */
  private pump(): void {
    if (this.cancelReason !== null || this.ended) return;
    for (const stage of this.readyStages) {
      while (stage.running < stage.limit && this.active.size < this.globalLimit) {
        const s = stage.ready.shift();
        if (!s) break;
        if (s.phase === 'ready') this.launch(s);
      }
      if (!stage.ready.size) this.readyStages.delete(stage);
      if (this.active.size >= this.globalLimit) break;
    }
  }

  private launch(s: StepRun): void {
    const { stage } = s;
    s.phase = 'running';
    stage.running++;
    this.active.add(s);
    const control = new StepControl();
    s.control = control;
    const call = stepCall(this.callContext, s, control);
    executeAttempts(this.o.clock, this.o.dispatcher, this.o.speed, call).then(
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
      this.o.recorder.emit('step.cancelled', {
        stageId: s.stage.stage.id,
        stepId: s.step.id,
        attempt: s.attempt,
        data: { reason: this.cancelReason ?? 'cancelled' },
      });
    } else {
      s.agent = outcome.agent;
      this.complete(s, outcome.result, outcome.durationMs, outcome.attempt);
    }
    this.settle();
  }

  /** A step's result, with its pattern's rules applied (verdicts, branches, barriers, re-runs). */
  private complete(s: StepRun, raw: StepResult, durationMs: number, attempt: number): void {
    const { step, stage } = s;
    const ids = { stageId: stage.stage.id, stepId: step.id, attempt };
    const { result, verdict, rerunPhase } = judge(s, raw);
    if (verdict) this.o.recorder.emit('review.verdict', { ...ids, data: verdict });
    s.result = result;
    s.durationMs = durationMs;
    s.phase = result.status;
    stage.unfinished--;
    const data: { summary: string; durationMs: number; error?: string; result: StepResult } = {
      summary: summaryOf(result),
      durationMs,
      result,
    };
    if (result.status === 'failed' && result.error !== undefined) data.error = result.error;
    this.o.recorder.emit(result.status === 'succeeded' ? 'step.succeeded' : 'step.failed', { ...ids, data });
    this.o.outputs.report(s);
    if (result.status === 'succeeded') {
      if (step.produces) this.o.outputs.handoff(s, step.produces, result.output);
      if (step.role === 'sync') this.barrierPassed(s);
      if (step.role === 'analyzer') this.selectBranch(stage, result);
    }
    if (rerunPhase) this.rerunPhase(s);
    else if (letsThrough(s)) this.release(s);
    else if (s.phase === 'failed') {
      for (const d of s.dependents) this.skip(d, `'${step.id}' failed`);
    }
    if (step.role === 'reviewer') this.maybeRevise(stage);
    this.maybeEndStage(stage);
  }

  // --- pattern rules ------------------------------------------------------------------

  private passPureBarrier(s: StepRun): void {
    if (s.phase !== 'ready') return; // skipped meanwhile (a cancel)
    const result: StepResult = { status: 'succeeded', output: '' };
    s.result = result;
    s.durationMs = 0;
    s.phase = 'succeeded';
    s.stage.unfinished--;
    this.o.recorder.emit('step.succeeded', {
      stageId: s.stage.stage.id,
      stepId: s.step.id,
      data: { summary: `barrier '${s.step.label}' passed`, durationMs: 0, result },
    });
    this.barrierPassed(s);
    this.release(s);
    this.maybeEndStage(s.stage);
  }

  private barrierPassed(s: StepRun): void {
    this.o.recorder.emit('barrier.passed', {
      stageId: s.stage.stage.id,
      stepId: s.step.id,
      data: { name: s.step.syncPoint ?? s.step.label },
    });
  }

  /** The analyzer's condition picks one branch; the others are skipped (DESIGN §2.2). */
  private selectBranch(stage: StageRun, result: StepResult): void {
    const branches = stage.steps.filter((s) => s.step.role === 'branch');
    if (!branches.length) return;
    const chosen = pickBranch(
      branches.map((b) => b.step),
      result.condition,
    );
    stage.selectedBranch = chosen?.id ?? null;
    this.o.recorder.emit('branch.selected', {
      stageId: stage.stage.id,
      data: { condition: result.condition ?? '', stepId: chosen?.id ?? null },
    });
    if (!chosen) {
      stage.error = noBranchError(
        result.condition,
        branches.map((b) => b.step),
      );
    }
    const why = chosen ? `branch not taken (the analyzer returned '${result.condition ?? ''}')` : stage.error;
    for (const b of branches) if (b.step.id !== chosen?.id) this.skip(b, why ?? 'branch not taken');
  }

  /** A failed validation with attempts left: the phase's agent, then its validator, run again. */
  private rerunPhase(validator: StepRun): void {
    const agentStep = validator.dependencies[0];
    if (!agentStep) return;
    agentStep.round++;
    for (const s of [agentStep, validator]) {
      if (isFinished(s.phase)) s.stage.unfinished++;
      s.phase = 'pending';
    }
    this.evaluate([agentStep, validator]);
  }

  /** After a review round: requested changes with revisions left send the primary back to work. */
  private maybeRevise(stage: StageRun): void {
    const again = revisionDue(stage);
    if (!again) return;
    stage.reviewRound++;
    for (const s of again) {
      if (isFinished(s.phase)) stage.unfinished++;
      s.phase = 'pending';
    }
    this.evaluate(again);
  }

  // --- the end ------------------------------------------------------------------------

  private settle(): void {
    this.drain();
    this.pump();
    this.checkEnd();
  }

  private checkEnd(): void {
    if (this.ended || this.active.size) return;
    if (this.cancelReason !== null) {
      this.finishCancelled();
      return;
    }
    const open = this.stages.filter((s) => s.phase === 'waiting' || s.phase === 'running');
    if (open.length) {
      // Nothing runs and nothing can start: a plan that cannot finish (never a valid one).
      // Better a failed run that says so than one that hangs.
      for (const stage of open) {
        if (stage.phase === 'waiting') this.skipStage(stage, 'its needs can never be met');
        else if (stage.phase === 'running') {
          for (const s of stage.steps) this.markSkipped(s, 'can never start');
          stage.error = 'steps that can never start';
          this.maybeEndStage(stage);
        }
        this.drain();
      }
    }
    this.ended = true;
    // The run's error names the first stage that failed (the cause), else one skipped.
    const failed =
      this.stages.find((s) => s.phase === 'failed') ?? this.stages.find((s) => s.phase === 'skipped');
    if (failed) {
      const why = failed.phase === 'failed' ? `failed: ${failed.error ?? 'failed'}` : 'was skipped';
      const error = `stage '${failed.stage.id}' ${why}`;
      this.o.outputs.summary(this.stepRows(), 'failed', error);
      this.endRun('run.failed', { error });
    } else {
      this.o.outputs.summary(this.stepRows(), 'succeeded');
      this.endRun('run.succeeded');
    }
  }

  private finishCancelled(): void {
    if (this.ended) return;
    this.ended = true;
    const reason = this.cancelReason ?? 'cancelled';
    for (const stage of this.stages) {
      if (stage.phase === 'running') {
        for (const s of stage.steps) this.markSkipped(s, 'run cancelled');
        stage.phase = 'failed';
        this.o.recorder.emit('stage.failed', { stageId: stage.stage.id, data: { error: 'run cancelled' } });
      } else if (stage.phase === 'waiting') {
        this.skipStage(stage, 'run cancelled');
      }
    }
    this.o.outputs.summary(this.stepRows(), 'cancelled', reason);
    this.endRun('run.cancelled', { reason });
  }

  /** The run's last event; then the caller hears that it ended. */
  private endRun(type: 'run.succeeded' | 'run.failed' | 'run.cancelled', data?: unknown): void {
    this.o.recorder.emit(type, data === undefined ? {} : { data });
    this.finished = true;
    this.o.onEnd();
  }

  private stepRows(): StepRun[] {
    return this.o.plan.steps.map((st) => this.steps.get(st.id)).filter((s): s is StepRun => !!s);
  }
}
