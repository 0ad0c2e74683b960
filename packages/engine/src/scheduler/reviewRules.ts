import type { StepResult } from '../contract.js';
import { isFinished, type StageRun, type StepRun } from './stepRun.js';

/**
 * The rules of reviews and validations (docs/design.md §2.2): what a verdict does to the step that gave
 * it, whether a phase runs again, whether a review round sends the primary back to work.
 */

/** Review rounds (revisions) or validation attempts left after the one this step ran in? */
export function attemptsLeft(s: StepRun): boolean {
  const { stage } = s;
  return s.step.role === 'reviewer'
    ? stage.reviewRound <= stage.stage.maxRevisions
    : s.round < stage.stage.maxAttempts;
}

export interface Judged {
  /** The result as the step ends with it (requested changes nothing will act on fail it). */
  result: StepResult;
  /** The verdict to announce (`review.verdict`), for a reviewer or validator that answered. */
  verdict?: { verdict: 'approve' | 'changes_requested'; findings: string[]; round: number };
  /** A validation that failed with attempts left: the phase runs again. */
  rerunPhase: boolean;
}

/** A reviewer's or validator's result with the verdict rules applied; any other step's unchanged. */
export function judge(s: StepRun, raw: StepResult): Judged {
  const role = s.step.role;
  if (role !== 'reviewer' && role !== 'validator') return { result: raw, rerunPhase: false };
  if (raw.status !== 'succeeded') return { result: raw, rerunPhase: role === 'validator' && attemptsLeft(s) };
  const verdict = raw.verdict ?? 'approve';
  const findings = raw.findings ?? [];
  const judged: Judged = {
    result: { ...raw, verdict },
    verdict: { verdict, findings, round: s.round },
    rerunPhase: false,
  };
  if (verdict === 'changes_requested') {
    if (attemptsLeft(s)) judged.rerunPhase = role === 'validator';
    else judged.result = { ...judged.result, status: 'failed', error: stillRequested(s, findings) };
  }
  return judged;
}

function stillRequested(s: StepRun, findings: readonly string[]): string {
  const { maxRevisions, maxAttempts } = s.stage.stage;
  const after =
    s.step.role === 'reviewer'
      ? maxRevisions
        ? ` after ${maxRevisions} revision${maxRevisions === 1 ? '' : 's'}`
        : ''
      : maxAttempts > 1
        ? ` after ${maxAttempts} attempts`
        : '';
  return `changes requested${after}${findings.length ? `: ${findings.join('; ')}` : ''}`;
}

/** Did this validator fail its phase (failed, or asked for changes)? */
export function validationFailed(v: StepRun): boolean {
  return v.phase === 'failed' || (v.phase === 'succeeded' && v.result?.verdict === 'changes_requested');
}

/**
 * After a review round: the primary and reviewers to run again when changes were requested
 * with revisions left, every reviewer having answered; else null.
 */
export function revisionDue(stage: StageRun): StepRun[] | null {
  if (stage.stage.pattern !== 'primary_with_reviewers') return null;
  const primary = stage.steps.find((s) => s.step.role === 'primary');
  const reviewers = stage.steps.filter((s) => s.step.role === 'reviewer');
  if (primary?.phase !== 'succeeded' || !reviewers.length) return null;
  if (reviewers.some((r) => !isFinished(r.phase))) return null;
  if (stage.reviewRound > stage.stage.maxRevisions) return null;
  // A reviewer that broke (rather than asked for changes) fails the stage: nothing to revise for.
  if (reviewers.some((r) => r.phase !== 'succeeded')) return null;
  if (!reviewers.some((r) => r.result?.verdict === 'changes_requested')) return null;
  return [primary, ...reviewers];
}

/** A reviewer's or validator's findings, as the step it sends back is given them. */
export function findingsOf(agent: string, result: StepResult | undefined): string[] {
  if (!result) return [];
  if (result.status === 'failed') return [`${agent}: ${result.error ?? 'failed'}`];
  const findings = result.findings?.length ? result.findings : ['changes requested'];
  return findings.map((f) => `${agent}: ${f}`);
}
