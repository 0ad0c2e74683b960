import { type AgentCatalog, BUILTIN_AGENTS, catalogFor } from '../agents/builtinAgents.js';
import { didYouMean, listNames } from '../diagnostics.js';
import { parseDuration } from '../model/duration.js';
import type { ModelPath, Orchestration, Stage } from '../model/types.js';
import type { PatternModules } from '../patterns/patternModule.js';
import { PATTERN_MODULES, patternModule } from '../patterns/registry.js';
import type { ModelIssue } from '../yaml/schemaIssues.js';
import {
  emptyPlanSize,
  type PlanLimits,
  type PlanSize,
  pastHandoffLimit,
  pastPlanLimits,
} from './planLimits.js';
import { stageOrder } from './stageOrder.js';
import type { OwnSettings, StepDraft } from './stepDraft.js';
import { stageIdOf } from './stepIds.js';
import { DEFAULT_TIMEOUT_MS, type Plan, type PlanEdge, type PlanStage, type PlanStep } from './types.js';

export interface CompileOptions {
  /** The agents a run can call (the server's registry); inline `agents:` are laid over them. */
  agents?: AgentCatalog;
  /**
   * Agents whose registry file exists but could not be read: name → why, a phrase completing
   * "agent 'x' …" (e.g. "is defined in .claude/agents/x.md but that file could not be read: …").
   * A reference to one says so rather than "unknown agent" (the file is there; it is broken).
   */
  unavailableAgents?: Readonly<Record<string, string>>;
  /**
   * The most the plan may hold; default `YAML_LIMITS` (what a user's file may ask of a server).
   * A program that builds its documents itself (the engine's own tests of deep plans) may allow more.
   */
  limits?: Partial<PlanLimits>;
  /**
   * The pattern modules stages are laid out by; default every pattern's (patterns/registry.ts).
   * The registry test passes one with a pattern of its own.
   */
  patterns?: PatternModules;
}

export interface CompileResult {
  plan: Plan;
  issues: ModelIssue[];
}

/**
 * Compile a document into a plan (docs/design.md §2.3): a DAG of steps with stable ids, their
 * dependencies, inputs and settings, plus every semantic check (agents, ids, needs, sync
 * points, branches). Never throws; what is wrong comes back as issues with model paths.
 */
export function compile(document: Orchestration, options: CompileOptions = {}): CompileResult {
  const catalog = catalogFor(document.agents, options.agents ?? BUILTIN_AGENTS);
  const issues: ModelIssue[] = [];
  const stageIds = document.stages.map((s, i) => stageIdOf(s, i));
  const firstIndex = new Map<string, number>();
  stageIds.forEach((id, i) => {
    if (!firstIndex.has(id)) firstIndex.set(id, i);
  });

  let duplicateStages = false;
  stageIds.forEach((id, i) => {
    const first = firstIndex.get(id) as number;
    if (first !== i) {
      duplicateStages = true;
      const stage = document.stages[i] as Stage;
      issues.push({
        severity: 'error',
        message: `duplicate stage id '${id}' (also stage ${first}): give each stage its own ${stage.id ? 'id' : 'name or id'}`,
        path: ['stages', i, stage.id ? 'id' : 'name'],
      });
    }
  });

  const stages: PlanStage[] = [];
  const stepsByStage: PlanStep[][] = [];
  const edges: PlanEdge[] = [];
  const size: PlanSize = emptyPlanSize(options.limits);
  for (const [i, stage] of document.stages.entries()) {
    const id = stageIds[i] as string;
    const path: ModelPath = ['stages', i];
    const module = patternModule(stage.pattern, options.patterns ?? PATTERN_MODULES);
    const built = module.steps(stage, id, path);
    issues.push(...built.issues);
    if (pastPlanLimits(size, built.steps, path, issues)) break;
    const seen = new Set<string>();
    for (const draft of built.steps) {
      if (seen.has(draft.id)) {
        issues.push({
          severity: 'error',
          message: `duplicate step id '${draft.id}': give each task its own id`,
          path: [...draft.path, 'id'],
        });
      }
      seen.add(draft.id);
    }
    const needs = resolveNeeds(stage, i, stageIds, firstIndex, duplicateStages ? [] : issues);
    const steps = built.steps.map((d) => resolveStep(d, id, stage, document, catalog));
    const dependedOn = new Set(steps.flatMap((s) => s.dependsOn));
    stages.push({
      id,
      name: stage.name ?? id,
      pattern: stage.pattern,
      index: i,
      needs,
      steps: steps.map((s) => s.id),
      entrySteps: steps.filter((s) => s.dependsOn.length === 0).map((s) => s.id),
      exitSteps: steps.filter((s) => !dependedOn.has(s.id)).map((s) => s.id),
      maxConcurrent: built.maxConcurrent,
      ...module.rounds(stage),
      path,
    });
    stepsByStage.push(steps);
    for (const step of steps) {
      for (const from of step.dependsOn) {
        edges.push({ from, to: step.id, kind: module.innerEdge });
      }
    }
  }

  checkAgents(document, catalog, stepsByStage.flat(), issues, options.unavailableAgents ?? {});
  // With two stages of one id, needs are ambiguous: the duplicate is the error to fix first.
  const order = duplicateStages ? stages.map((_, i) => i) : stageOrder(stages, issues);
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const stepById = new Map(stepsByStage.flat().map((s) => [s.id, s]));
  for (const stage of stages) {
    for (const need of stage.needs) {
      edges.push({ from: need, to: stage.id, kind: 'stage' });
      // A stage's first steps are given the results its needed stages hand on.
      const handed = (stageById.get(need)?.exitSteps ?? []).filter((id) => stepById.get(id)?.agent);
      if (pastHandoffLimit(size, handed.length * stage.entrySteps.length, stage.path, issues)) break;
      for (const entry of stage.entrySteps) stepById.get(entry)?.inputs.push(...handed);
    }
  }

  return {
    plan: {
      name: document.name ?? stages[0]?.name ?? 'orchestration',
      stages,
      steps: order.flatMap((i) => stepsByStage[i] ?? []),
      edges,
      maxConcurrent: document.defaults?.max_concurrent ?? null,
    },
    issues,
  };
}

function resolveNeeds(
  stage: Stage,
  index: number,
  stageIds: string[],
  firstIndex: ReadonlyMap<string, number>,
  issues: ModelIssue[],
): string[] {
  if (stage.needs === undefined) return index > 0 ? [stageIds[index - 1] as string] : [];
  const own = stageIds[index] as string;
  const out: string[] = [];
  const added = new Set<string>();
  stage.needs.forEach((need, k) => {
    if (!firstIndex.has(need)) {
      issues.push({
        severity: 'error',
        message: `needs '${need}', which is no stage${didYouMean(
          need,
          stageIds.filter((s) => s !== own),
        )}; the stages are: ${listNames(stageIds)}`,
        path: ['stages', index, 'needs', k],
      });
    } else if (need === own) {
      issues.push({
        severity: 'error',
        message: `needs cycle: stage '${own}' needs itself`,
        path: ['stages', index, 'needs', k],
      });
    } else if (!added.has(need)) {
      added.add(need);
      out.push(need);
    }
  });
  return out;
}

function resolveStep(
  draft: StepDraft,
  stageId: string,
  stage: Stage,
  document: Orchestration,
  catalog: AgentCatalog,
): PlanStep {
  const agentDef = draft.agent && Object.hasOwn(catalog, draft.agent) ? catalog[draft.agent] : undefined;
  const layers: OwnSettings[] = [draft.own, stage, agentDef ?? {}, document.defaults ?? {}];
  const pick = <K extends keyof OwnSettings>(key: K): OwnSettings[K] =>
    layers.find((l) => l[key] !== undefined)?.[key];
  const timeout = pick('timeout');
  const step: PlanStep = {
    id: draft.id,
    stageId,
    role: draft.role,
    index: draft.index,
    agent: draft.agent,
    label: draft.label,
    task: draft.task,
    checklist: draft.checklist,
    dependsOn: draft.dependsOn,
    inputs: draft.inputs,
    timeoutMs: (timeout === undefined ? null : parseDuration(timeout)) ?? DEFAULT_TIMEOUT_MS,
    retries: pick('retries') ?? 0,
    fallbackAgent: pick('fallback_agent') ?? null,
    path: draft.path,
  };
  if (draft.produces !== undefined) step.produces = draft.produces;
  if (draft.condition !== undefined) step.condition = draft.condition;
  if (draft.syncPoint !== undefined) step.syncPoint = draft.syncPoint;
  return step;
}

/** Every agent a document names must be known: a typo must not surface only at run time. */
function checkAgents(
  document: Orchestration,
  catalog: AgentCatalog,
  steps: PlanStep[],
  issues: ModelIssue[],
  unavailable: Readonly<Record<string, string>>,
) {
  const known = Object.keys(catalog);
  const reported = new Set<string>();
  const check = (name: string | undefined, path: ModelPath) => {
    if (name === undefined || Object.hasOwn(catalog, name)) return;
    const key = path.join('/');
    if (reported.has(key)) return;
    reported.add(key);
    const why = Object.hasOwn(unavailable, name) ? unavailable[name] : undefined;
    if (why !== undefined) {
      issues.push({
        severity: 'error',
        message: `agent '${name}' ${why}`,
        path,
      });
      return;
    }
    issues.push({
      severity: 'error',
      message: `unknown agent '${name}'${didYouMean(name, known)}; define it under "agents:" or in the agent registry`,
      path,
    });
  };
  for (const step of steps) {
    if (step.agent) check(step.agent, agentPath(step));
  }
  document.stages.forEach((stage, i) => {
    check(stage.fallback_agent, ['stages', i, 'fallback_agent']);
    const tasks = 'tasks' in stage && Array.isArray(stage.tasks) ? stage.tasks : [];
    tasks.forEach((t, k) => {
      check(t.fallback_agent, ['stages', i, 'tasks', k, 'fallback_agent']);
    });
  });
  check(document.defaults?.fallback_agent, ['defaults', 'fallback_agent']);
  for (const [name, def] of Object.entries(document.agents ?? {})) {
    check(def.fallback_agent, ['agents', name, 'fallback_agent']);
  }
}

/** Where a step's agent is named in the model. */
function agentPath(step: PlanStep): ModelPath {
  switch (step.role) {
    case 'task':
    case 'phase':
    case 'branch':
    case 'sync':
    case 'fanin':
      return [...step.path, 'agent'];
    case 'fanout':
      return [...step.path.slice(0, -2), 'agent'];
    default:
      return step.path;
  }
}
