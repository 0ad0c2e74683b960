import type { StepResult } from '../contract.js';
import type { EventRecorder } from '../events/eventRecorder.js';
import { barrierPassed } from './patterns/parallelWithSync.js';
import { StepQueue } from './stepQueue.js';
import { isFinished, letsThrough, type StageRun, type StepRun } from './stepRun.js';

/**
 * A run's stages and steps moving along (docs/design.md §2.2): a stage starts when its needs are met
 * and ends when its steps have; a step becomes ready when what it depends on let it through;
 * a skip spreads to what depends on it.
 *
 * What one change sets off in turn (a stage's end starting the next, a pure barrier passing the
 * next) is queued and done by `drain`, on a flat stack, rather than by recursion: a plan of
 * thousands of stages or barriers must not overflow the stack.
 */
export class StageFlow {
  /** Stages with steps waiting for a slot, in the order they got them. */
  readonly readyStages = new Set<StageRun>();
  /** The run was cancelled: no stage starts any more. */
  stopped = false;
  /**
   * A retry: asked of every step about to become ready; true when it took the step over (an
   * earlier run's result stands for it), so it is neither queued nor run.
   */
  reuse: ((s: StepRun) => boolean) | null = null;
  /** Work set off by a change, done after it in order. */
  private readonly work = new StepQueue<() => void>();

  constructor(
    readonly stages: readonly StageRun[],
    readonly recorder: EventRecorder,
  ) {}

  /** Queue work set off by a change (rather than recursing into it). */
  defer(task: () => void): void {
    this.work.push(task);
  }

  /** Do the queued work, and the work it queues, in order. */
  drain(): void {
    for (let task = this.work.shift(); task; task = this.work.shift()) task();
  }

  // --- stages -------------------------------------------------------------------------

  checkNeeds(stage: StageRun): void {
    if (stage.phase !== 'waiting' || this.stopped) return;
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
    this.recorder.emit('stage.started', { stageId: stage.stage.id });
    this.evaluate(stage.steps);
    this.maybeEndStage(stage);
  }

  skipStage(stage: StageRun, reason: string): void {
    stage.phase = 'skipped';
    stage.skipReason = reason;
    this.recorder.emit('stage.skipped', { stageId: stage.stage.id, data: { reason } });
    for (const s of stage.steps) this.markSkipped(s, reason);
    for (const next of stage.neededBy) this.defer(() => this.checkNeeds(next));
  }

  /** A resumed stage that had ended: steps a crash left without their skip are skipped now. */
  closeEndedStage(stage: StageRun): void {
    if (stage.phase !== 'skipped' && stage.phase !== 'failed') return;
    const reason =
      stage.phase === 'skipped' ? (stage.skipReason ?? 'stage skipped') : `stage '${stage.stage.id}' failed`;
    for (const s of stage.steps) this.markSkipped(s, reason);
  }

  maybeEndStage(stage: StageRun): void {
    if (stage.phase !== 'running' || stage.unfinished > 0) return;
    const failedStep = stage.steps.find((s) => s.phase === 'failed');
    const error =
      stage.error ??
      (failedStep ? `'${failedStep.step.id}' failed: ${failedStep.result?.error ?? 'failed'}` : undefined);
    if (error !== undefined) {
      stage.phase = 'failed';
      stage.error = error;
      this.recorder.emit('stage.failed', { stageId: stage.stage.id, data: { error } });
    } else {
      stage.phase = 'succeeded';
      this.recorder.emit('stage.succeeded', { stageId: stage.stage.id });
    }
    for (const next of stage.neededBy) this.defer(() => this.checkNeeds(next));
  }

  // --- readiness ----------------------------------------------------------------------

  /** Count what each pending step still waits for; skip those a failure blocks; ready the rest. */
  evaluate(steps: readonly StepRun[]): void {
    for (const s of steps) {
      if (s.phase === 'pending') s.unmet = s.dependencies.filter((d) => !letsThrough(d)).length;
    }
    for (const s of steps) {
      if (s.phase !== 'pending') continue;
      const blocked = s.dependencies.find(
        (dependency) =>
          dependency.phase === 'failed' || dependency.phase === 'skipped' || dependency.phase === 'cancelled',
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
    if (this.reuse?.(s)) return;
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
    this.recorder.emit('step.queued', s.round > 1 ? { ...ids, data: { round: s.round } } : ids);
    stage.ready.push(s);
    this.readyStages.add(stage);
  }

  /** Steps that depend on `s` (which let them through) lose one thing to wait for. */
  release(s: StepRun): void {
    for (const dependent of s.dependents) {
      if (dependent.phase !== 'pending') continue;
      dependent.unmet--;
      if (dependent.unmet <= 0) this.makeReady(dependent);
    }
  }

  /** Skip a step and, transitively, what depends on it. */
  skip(first: StepRun, reason: string): void {
    const todo: [StepRun, string][] = [[first, reason]];
    for (let item = todo.pop(); item; item = todo.pop()) {
      const [s, why] = item;
      if (!this.markSkipped(s, why)) continue;
      for (const d of s.dependents) todo.push([d, `'${s.step.id}' was skipped`]);
    }
  }

  markSkipped(s: StepRun, reason: string): boolean {
    if (isFinished(s.phase) || s.phase === 'running') return false;
    s.phase = 'skipped';
    s.stage.unfinished--;
    this.recorder.emit('step.skipped', { stageId: s.stage.stage.id, stepId: s.step.id, data: { reason } });
    return true;
  }

  /** A sync point without an agent: passed once the work before it is done (docs/design.md §2.2). */
  private passPureBarrier(s: StepRun): void {
    if (s.phase !== 'ready') return; // skipped meanwhile (a cancel)
    const result: StepResult = { status: 'succeeded', output: '' };
    s.result = result;
    s.durationMs = 0;
    s.phase = 'succeeded';
    s.stage.unfinished--;
    this.recorder.emit('step.succeeded', {
      stageId: s.stage.stage.id,
      stepId: s.step.id,
      data: { summary: `barrier '${s.step.label}' passed`, durationMs: 0, result },
    });
    barrierPassed(this.recorder, s);
    this.release(s);
    this.maybeEndStage(s.stage);
  }
}
