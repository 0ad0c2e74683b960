import type { Orchestration, Plan } from '@baton/core';
import type { Clock } from '../contract.js';
import type { EventRecorder } from '../events/eventRecorder.js';
import type { StepRun } from '../scheduler/stepRun.js';
import { reportMarkdown } from './reportMarkdown.js';
import type { ArtifactRef, RunArtifacts } from './runArtifacts.js';
import { summaryMarkdown } from './summaryMarkdown.js';

/**
 * What a run leaves behind on disk, each file announced once with `artifact.created`. Without
 * a data directory every call is a no-op. A write that fails (a full disk) is reported once
 * on stderr and artifacts stop; the run itself goes on. Anything else that goes wrong making
 * one artifact costs that artifact only.
 */
export class RunOutputs {
  private broken = false;

  constructor(
    private readonly artifacts: RunArtifacts | null,
    private readonly recorder: EventRecorder,
    private readonly clock: Clock,
    private readonly facts: { runId: string; name: string; startedAtMs: number },
    private readonly announced: Set<string> = new Set(),
  ) {}

  get dir(): string | null {
    return this.artifacts?.dir ?? null;
  }

  context(document: Orchestration, plan: Plan, settings: { speed: number; seed: number }): void {
    this.write(undefined, (a) =>
      a.writeContext({
        runId: this.facts.runId,
        orchestration: this.facts.name,
        startedAt: new Date(this.facts.startedAtMs).toISOString(),
        ...settings,
        stages: plan.stages.map((s) => ({ id: s.id, name: s.name, pattern: s.pattern, needs: s.needs })),
        steps: plan.steps.map((s) => ({ id: s.id, stage: s.stageId, role: s.role, agent: s.agent })),
        document,
      }),
    );
  }

  report(s: StepRun): void {
    const result = s.result;
    if (!result) return;
    this.write(s, (a) =>
      a.writeReport(
        s.step.id,
        reportMarkdown({
          step: s.step,
          pattern: s.stage.stage.pattern,
          agent: s.agent ?? s.step.agent ?? '(barrier)',
          attempt: s.attempt,
          round: s.round,
          durationMs: s.durationMs ?? 0,
          result,
          reused: s.reused === true,
        }),
      ),
    );
  }

  handoff(s: StepRun, name: string, content: string): void {
    this.write(s, (a) => a.writeHandoff(name, content));
  }

  summary(steps: StepRun[], status: 'succeeded' | 'failed' | 'cancelled', error?: string): void {
    this.write(undefined, (a) =>
      a.writeSummary(
        summaryMarkdown({
          orchestration: this.facts.name,
          runId: this.facts.runId,
          status,
          ...(error ? { error } : {}),
          startedAtMs: this.facts.startedAtMs,
          finishedAtMs: this.clock.now(),
          rows: steps.map((s) => ({
            stepId: s.step.id,
            agent: s.agent ?? s.step.agent,
            status: s.reused && s.phase === 'succeeded' ? 'reused' : s.phase,
            attempts: s.attempt,
            ...(s.durationMs !== undefined ? { durationMs: s.durationMs } : {}),
            report: s.step.agent ? a.readReport(s.step.id) : null,
          })),
        }),
      ),
    );
  }

  private write(s: StepRun | undefined, write: (a: RunArtifacts) => ArtifactRef): void {
    if (!this.artifacts || this.broken) return;
    let ref: ArtifactRef;
    try {
      ref = write(this.artifacts);
    } catch (error) {
      if (isIoError(error)) {
        this.broken = true;
        console.error(`baton engine: cannot write the run's artifacts in ${this.artifacts.dir}:`, error);
      } else {
        console.error(`baton engine: cannot make an artifact of run ${this.facts.runId}:`, error);
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
