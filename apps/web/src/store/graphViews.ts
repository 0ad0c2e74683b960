import {
  type AgentCatalog,
  catalogFor,
  compile,
  durationOf,
  type Estimate,
  estimate,
  type ModelIssue,
  type ModelPath,
  type Orchestration,
  PATTERN_TITLES,
  type PatternName,
  type Plan,
  runsSimulated,
  type StepRole,
} from '@baton/core';

/** What a step node shows; kept per id so that an edit re-renders only the nodes it changed. */
export interface StepView {
  id: string;
  stageId: string;
  role: StepRole;
  index: number;
  /** `null` for a pure barrier; `''` for a slot no agent was dropped into yet. */
  agent: string | null;
  label: string;
  checklistCount: number;
  produces: string | null;
  condition: string | null;
  critical: boolean;
  /**
   * The catalog says its agent runs simulated (no real runtime): marked faintly in design mode.
   * A run labels the step from its own events instead (a dry run simulates real agents too).
   */
  simulated: boolean;
  expectedMs: number;
  errors: number;
  warnings: number;
  firstIssue: string | null;
}

export interface StageView {
  id: string;
  index: number;
  pattern: PatternName;
  title: string;
  /** The stage's own name, if it has one. */
  name: string | null;
  explicitNeeds: boolean;
  stepCount: number;
  errors: number;
  warnings: number;
  firstIssue: string | null;
  maxConcurrent: number | null;
}

export interface GraphViews {
  plan: Plan;
  issues: ModelIssue[];
  estimate: Estimate;
  steps: Record<string, StepView>;
  stages: Record<string, StageView>;
  /** `from->to` keys of the plan edges on the critical path (step edges and stage edges). */
  criticalEdges: ReadonlySet<string>;
}

const startsWith = (path: ModelPath, prefix: ModelPath) =>
  prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

function shallowEqual(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Keep the previous object for every id whose content did not change (memoised nodes skip). */
function reuse<T extends object>(next: Record<string, T>, previous: Record<string, T> | undefined) {
  if (!previous) return next;
  for (const id of Object.keys(next)) {
    const old = previous[id];
    if (old && shallowEqual(old, next[id] as T)) next[id] = old;
  }
  return next;
}

/** Compile a document into everything the canvas draws: plan, estimate, and per-node views. */
export function graphViews(
  document: Orchestration,
  registry: AgentCatalog,
  previous?: GraphViews,
): GraphViews {
  const catalog = catalogFor(document.agents, registry);
  const { plan, issues } = compile(document, { agents: registry });
  const durations = durationOf(catalog);
  const timing = estimate(plan, durations);
  const onPath = new Set(timing.criticalPath);
  const criticalEdges = new Set<string>();
  const stageOf = new Map(plan.steps.map((s) => [s.id, s.stageId]));
  for (let i = 1; i < timing.criticalPath.length; i++) {
    const from = timing.criticalPath[i - 1] as string;
    const to = timing.criticalPath[i] as string;
    criticalEdges.add(`${from}->${to}`);
    const a = stageOf.get(from);
    const b = stageOf.get(to);
    if (a && b && a !== b) criticalEdges.add(`${a}->${b}`);
  }

  // Each issue goes to the step whose model path is its longest prefix, else to its stage.
  const stepIssues = new Map<string, ModelIssue[]>();
  const stageIssues = new Map<string, ModelIssue[]>();
  const byStagePath = new Map(plan.stages.map((s) => [s.index, s.id]));
  const anchors = plan.steps.map((step) => ({
    id: step.id,
    // The fan-out agent is written once for all fan-out steps: its issues go to the first.
    paths:
      step.role === 'fanout' && step.index === 0
        ? [step.path, [...step.path.slice(0, -2), 'agent']]
        : [step.path],
  }));
  for (const issue of issues) {
    let best: { id: string; len: number } | null = null;
    for (const anchor of anchors) {
      for (const path of anchor.paths) {
        if (startsWith(issue.path, path) && path.length > (best?.len ?? -1))
          best = { id: anchor.id, len: path.length };
      }
    }
    if (best) push(stepIssues, best.id, issue);
    else if (issue.path[0] === 'stages' && typeof issue.path[1] === 'number') {
      const stageId = byStagePath.get(issue.path[1]);
      if (stageId) push(stageIssues, stageId, issue);
    }
  }

  const steps: Record<string, StepView> = {};
  for (const step of plan.steps) {
    const ownIssues = stepIssues.get(step.id) ?? [];
    steps[step.id] = {
      id: step.id,
      stageId: step.stageId,
      role: step.role,
      index: step.index,
      agent: step.agent,
      label: step.label,
      checklistCount: step.checklist.length,
      produces: step.produces ?? null,
      condition: step.condition ?? null,
      critical: onPath.has(step.id),
      simulated: step.agent
        ? runsSimulated(Object.hasOwn(catalog, step.agent) ? catalog[step.agent] : undefined)
        : false,
      expectedMs: durations(step),
      errors: ownIssues.filter((i) => i.severity === 'error').length,
      warnings: ownIssues.filter((i) => i.severity === 'warning').length,
      firstIssue: ownIssues[0]?.message ?? null,
    };
  }
  const stages: Record<string, StageView> = {};
  for (const stage of plan.stages) {
    const ownIssues = stageIssues.get(stage.id) ?? [];
    const model = document.stages[stage.index];
    stages[stage.id] = {
      id: stage.id,
      index: stage.index,
      pattern: stage.pattern,
      title: PATTERN_TITLES[stage.pattern],
      name: model?.name ?? null,
      explicitNeeds: model?.needs !== undefined,
      stepCount: stage.steps.length,
      errors: ownIssues.filter((i) => i.severity === 'error').length,
      warnings: ownIssues.filter((i) => i.severity === 'warning').length,
      firstIssue: ownIssues[0]?.message ?? null,
      maxConcurrent: stage.maxConcurrent,
    };
  }
  return {
    plan,
    issues,
    estimate: timing,
    steps: reuse(steps, previous?.steps),
    stages: reuse(stages, previous?.stages),
    criticalEdges,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
