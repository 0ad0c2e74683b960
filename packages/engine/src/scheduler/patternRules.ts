import type { StepResult } from '../contract.js';
import { rulesOf } from './patterns/registry.js';
import type { StageFlow } from './stageFlow.js';
import type { StageRun } from './stepRun.js';

/**
 * Each pattern's rules (docs/design.md §2.2) as results come in: barriers passed, the branch an
 * analyzer selects, a phase validated again, a review round sent back for revision; and what
 * a resumed stage redoes of them. Each pattern's own are in ./patterns/, by name in its registry.
 */

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

/** A resumed stage: redo what a crash may have cut short, then carry on. */
export function reviveStage(flow: StageFlow, stage: StageRun): void {
  rulesOf(stage).revive(flow, stage);
  flow.evaluate(stage.steps);
  flow.maybeEndStage(stage);
}
