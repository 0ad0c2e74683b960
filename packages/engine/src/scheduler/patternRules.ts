import type { PlanStep } from '@baton/core';
import type { StepResult } from '../contract.js';
import type { EventRecorder } from '../events/eventRecorder.js';
import { attemptsLeft, revisionDue, validationFailed } from './reviewRules.js';
import type { StageFlow } from './stageFlow.js';
import { isFinished, type StageRun, type StepRun } from './stepRun.js';

/**
 * Each pattern's rules (docs/design.md §2.2) as results come in: barriers passed, the branch an
 * analyzer selects, a phase validated again, a review round sent back for revision; and what
 * a resumed stage redoes of them.
 */

/** The branch an analyzer's condition selects: the first with that condition, else the first `default`. */
export function pickBranch(branches: readonly PlanStep[], condition: string | undefined): PlanStep | null {
  if (condition !== undefined) {
    const match = branches.find((b) => b.condition === condition);
    if (match) return match;
  }
  return branches.find((b) => b.condition === 'default') ?? null;
}

/** docs/design.md §2.2: no match and no default fails the stage, naming the condition returned and those offered. */
export function noBranchError(condition: string | undefined, branches: readonly PlanStep[]): string {
  const offered = branches.map((b) => `'${b.condition}'`).join(', ');
  const returned = condition === undefined ? 'no condition' : `condition '${condition}'`;
  return `the analyzer returned ${returned}, which no branch matches (offered: ${offered}) and there is no default branch`;
}

/** First line of a text, shortened: what a node and the timeline show. */
export function summaryOf(result: StepResult): string {
  const text = result.status === 'failed' && result.error ? result.error : result.output;
  let start = 0;
  let line = '';
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    line = text.slice(start, end < 0 ? undefined : end).trim();
    if (line || end < 0) break;
    start = end + 1;
  }
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function barrierPassed(recorder: EventRecorder, s: StepRun): void {
  recorder.emit('barrier.passed', {
    stageId: s.stage.stage.id,
    stepId: s.step.id,
    data: { name: s.step.syncPoint ?? s.step.label },
  });
}

/** The analyzer's condition picks one branch; the others are skipped (docs/design.md §2.2). */
export function selectBranch(flow: StageFlow, stage: StageRun, result: StepResult): void {
  const branches = stage.steps.filter((s) => s.step.role === 'branch');
  if (!branches.length) return;
  const chosen = pickBranch(
    branches.map((b) => b.step),
    result.condition,
  );
  stage.selectedBranch = chosen?.id ?? null;
  flow.recorder.emit('branch.selected', {
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
  for (const b of branches) if (b.step.id !== chosen?.id) flow.skip(b, why ?? 'branch not taken');
}

/** A failed validation with attempts left: the phase's agent, then its validator, run again. */
export function rerunPhase(flow: StageFlow, validator: StepRun): void {
  const agentStep = validator.dependencies[0];
  if (!agentStep) return;
  agentStep.round++;
  for (const s of [agentStep, validator]) {
    if (isFinished(s.phase)) s.stage.unfinished++;
    s.phase = 'pending';
  }
  flow.evaluate([agentStep, validator]);
}

/** After a review round: requested changes with revisions left send the primary back to work. */
export function maybeRevise(flow: StageFlow, stage: StageRun): void {
  const again = revisionDue(stage);
  if (!again) return;
  stage.reviewRound++;
  for (const s of again) {
    if (isFinished(s.phase)) stage.unfinished++;
    s.phase = 'pending';
  }
  flow.evaluate(again);
}

/** A resumed stage: redo what a crash may have cut short, then carry on. */
export function reviveStage(flow: StageFlow, stage: StageRun): void {
  const analyzer = stage.steps.find((s) => s.step.role === 'analyzer');
  if (analyzer?.phase === 'succeeded' && analyzer.result) {
    if (stage.selectedBranch === undefined) selectBranch(flow, stage, analyzer.result);
    else {
      const branches = stage.steps.filter((s) => s.step.role === 'branch');
      if (stage.selectedBranch === null) {
        stage.error = noBranchError(
          analyzer.result.condition,
          branches.map((b) => b.step),
        );
      }
      for (const b of branches) {
        if (b.step.id !== stage.selectedBranch) flow.skip(b, 'branch not taken');
      }
    }
  }
  for (const v of stage.steps) {
    const agentStep = v.step.role === 'validator' ? v.dependencies[0] : undefined;
    if (agentStep && v.round === agentStep.round && validationFailed(v) && attemptsLeft(v)) {
      rerunPhase(flow, v);
    }
  }
  maybeRevise(flow, stage);
  flow.evaluate(stage.steps);
  flow.maybeEndStage(stage);
}
