import type { PlanStep } from '@baton/core';
import type { StepResult } from '../../contract.js';
import type { StageFlow } from '../stageFlow.js';
import type { StageRun } from '../stepRun.js';
import { DEPENDENCIES_ONLY, type StageRules } from './stageRules.js';

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

export const conditionalBranchingRules: StageRules = {
  ...DEPENDENCIES_ONLY,
  succeeded(flow, s, result) {
    if (s.step.role === 'analyzer') selectBranch(flow, s.stage, result);
  },
  // A crash between the analyzer's result and the branch chosen: choose it now, or skip again.
  revive(flow, stage) {
    const analyzer = stage.steps.find((s) => s.step.role === 'analyzer');
    if (analyzer?.phase !== 'succeeded' || !analyzer.result) return;
    if (stage.selectedBranch === undefined) {
      selectBranch(flow, stage, analyzer.result);
      return;
    }
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
  },
};
