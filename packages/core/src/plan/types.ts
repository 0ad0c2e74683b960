import type { PatternName } from '../model/patterns.js';
import type { ModelPath } from '../model/types.js';

export type StepRole =
  | 'task'
  | 'sync'
  | 'primary'
  | 'reviewer'
  | 'phase'
  | 'validator'
  | 'fanout'
  | 'fanin'
  | 'analyzer'
  | 'branch';

/** One unit of work in a plan: an agent call, or a pure barrier (`agent: null`). */
export interface PlanStep {
  /** Stable id, also the canvas node id (docs/design.md §2.3). */
  id: string;
  stageId: string;
  role: StepRole;
  /** Position among the stage's steps of the same role. */
  index: number;
  agent: string | null;
  /** What the node shows: the task's text, a sync point's or phase's name, a branch's condition. */
  label: string;
  task: string;
  checklist: string[];
  /** Steps of the same stage that must succeed before this one starts. */
  dependsOn: string[];
  /** Steps whose results this one is given (may reach into the stages this stage needs). */
  inputs: string[];
  timeoutMs: number;
  retries: number;
  fallbackAgent: string | null;
  /** Artifact name its result is stored under (sequential handoff). */
  produces?: string;
  /** The condition that selects this branch (`default` for the fallback branch). */
  condition?: string;
  /** The sync point (by name) this step waits for, or the one it is. */
  syncPoint?: string;
  /** Where the step is defined in the model, for diagnostics and editor selection. */
  path: ModelPath;
}

export interface PlanStage {
  id: string;
  name: string;
  pattern: PatternName;
  index: number;
  /** Stage ids that must succeed first. */
  needs: string[];
  /** Its steps' ids, in definition order. */
  steps: string[];
  /** Steps with no dependency inside the stage: where it starts. */
  entrySteps: string[];
  /** Steps no other step of the stage depends on: whose results it hands on. */
  exitSteps: string[];
  /** At most this many of its steps run at once (`null`: no limit). */
  maxConcurrent: number | null;
  maxRevisions: number;
  maxAttempts: number;
  path: ModelPath;
}

export interface PlanEdge {
  from: string;
  to: string;
  /** `step`: a dependency; `handoff`: one that also carries an artifact; `stage`: stage `needs`. */
  kind: 'step' | 'handoff' | 'stage';
}

export interface Plan {
  name: string;
  stages: PlanStage[];
  /** Every step, stage by stage, each after the steps it depends on. */
  steps: PlanStep[];
  /** Step-to-step dependencies, and stage-to-stage needs (ids of stages). */
  edges: PlanEdge[];
  /** Run-wide limit on steps running at once (`defaults.max_concurrent`). */
  maxConcurrent: number | null;
}

export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
