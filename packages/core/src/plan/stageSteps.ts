import { didYouMean, listNames } from '../diagnostics.js';
import type { Duration } from '../model/duration.js';
import { ownValue } from '../model/ownValue.js';
import type { ModelPath, Stage, StageOf } from '../model/types.js';
import type { ModelIssue } from '../yaml/schemaIssues.js';
import { stepIds } from './stepIds.js';
import type { PlanStep, StepRole } from './types.js';

/** The settings a step may carry itself; the compiler resolves the rest from stage, agent and defaults. */
export interface OwnSettings {
  timeout?: Duration;
  retries?: number;
  fallback_agent?: string;
}

export interface StepDraft {
  id: string;
  role: StepRole;
  index: number;
  agent: string | null;
  label: string;
  task: string;
  checklist: string[];
  dependsOn: string[];
  inputs: string[];
  own: OwnSettings;
  path: ModelPath;
  produces?: string;
  condition?: string;
  syncPoint?: string;
}

export interface StageSteps {
  steps: StepDraft[];
  maxConcurrent: number | null;
  issues: ModelIssue[];
}

const own = (s: OwnSettings): OwnSettings => ({
  timeout: s.timeout,
  retries: s.retries,
  fallback_agent: s.fallback_agent,
});

function empty(path: ModelPath, what: string): ModelIssue {
  return { severity: 'warning', message: `this stage is empty: ${what}`, path };
}

type Builder<P extends Stage['pattern']> = (stage: StageOf<P>, id: string, path: ModelPath) => StageSteps;

const parallelIndependent: Builder<'parallel_independent'> = (stage, id, path) => {
  const tasks = stage.tasks ?? [];
  return {
    steps: tasks.map((t, i) => ({
      id: stepIds.task(id, i, t.id),
      role: 'task',
      index: i,
      agent: t.agent,
      label: t.task ?? t.agent,
      task: t.task ?? '',
      checklist: t.checklist ?? [],
      dependsOn: [],
      inputs: [],
      own: own(t),
      path: [...path, 'tasks', i],
      ...(t.produces ? { produces: t.produces } : {}),
    })),
    maxConcurrent: stage.parallel_execution === false ? 1 : (stage.max_concurrent ?? null),
    issues: tasks.length ? [] : [empty(path, 'add tasks (drag agents into the block)')],
  };
};

const sequentialHandoff: Builder<'sequential_handoff'> = (stage, id, path) => {
  const tasks = stage.tasks ?? [];
  const artifacts = stage.handoff_artifacts ?? [];
  const ids = tasks.map((t, i) => stepIds.task(id, i, t.id));
  const issues: ModelIssue[] = tasks.length ? [] : [empty(path, 'add the tasks of the chain')];
  if (tasks.length && artifacts.length > tasks.length) {
    issues.push({
      severity: 'warning',
      message: `${artifacts.length} handoff artifacts for ${tasks.length} tasks: artifacts past the last task are never produced`,
      path: [...path, 'handoff_artifacts', tasks.length],
    });
  }
  return {
    steps: tasks.map((t, i) => {
      const produces = t.produces ?? artifacts[i];
      return {
        id: ids[i] as string,
        role: 'task',
        index: i,
        agent: t.agent,
        label: t.task ?? t.agent,
        task: t.task ?? '',
        checklist: t.checklist ?? [],
        dependsOn: i > 0 ? [ids[i - 1] as string] : [],
        inputs: ids.slice(0, i),
        own: own(t),
        path: [...path, 'tasks', i],
        ...(produces ? { produces } : {}),
      };
    }),
    maxConcurrent: null,
    issues,
  };
};

const parallelWithSync: Builder<'parallel_with_sync'> = (stage, id, path) => {
  const issues: ModelIssue[] = [];
  const points = stage.sync_points.map((p) => (typeof p === 'string' ? { name: p } : p));
  const names = points.map((p) => p.name);
  points.forEach((p, k) => {
    if (names.indexOf(p.name) !== k) {
      issues.push({
        severity: 'error',
        message: `duplicate sync point '${p.name}': each sync point needs its own name`,
        path: [...path, 'sync_points', k],
      });
    }
  });
  const tasks = stage.tasks ?? [];
  // Segment s holds the tasks that run between barrier s-1 and barrier s (segment 0: before the first).
  const segmentOf = tasks.map((t, i) => {
    if (t.after === undefined) return 0;
    const k = names.indexOf(t.after);
    if (k < 0) {
      issues.push({
        severity: 'error',
        message: `'after: ${t.after}' names no sync point${didYouMean(t.after, names)}; the sync points are: ${listNames(names) || '(none)'}`,
        path: [...path, 'tasks', i, 'after'],
      });
      return 0;
    }
    return k + 1;
  });
  const taskIds = tasks.map((t, i) => stepIds.task(id, i, t.id));
  const steps: StepDraft[] = [];
  const carried: string[] = []; // results handed on past each barrier
  for (let s = 0; s <= points.length; s++) {
    const barrierBefore = s > 0 ? [stepIds.sync(id, s - 1)] : [];
    const segmentIds: string[] = [];
    tasks.forEach((t, i) => {
      if (segmentOf[i] !== s) return;
      segmentIds.push(taskIds[i] as string);
      steps.push({
        id: taskIds[i] as string,
        role: 'task',
        index: i,
        agent: t.agent,
        label: t.task ?? t.agent,
        task: t.task ?? '',
        checklist: t.checklist ?? [],
        dependsOn: barrierBefore,
        inputs: [...carried],
        own: own(t),
        path: [...path, 'tasks', i],
        syncPoint: s > 0 ? names[s - 1] : undefined,
        ...(t.produces ? { produces: t.produces } : {}),
      });
    });
    carried.push(...segmentIds);
    const point = points[s];
    if (!point) continue;
    const syncId = stepIds.sync(id, s);
    steps.push({
      id: syncId,
      role: 'sync',
      index: s,
      agent: point.agent ?? null,
      label: point.name,
      task: point.task ?? '',
      checklist: point.checklist ?? [],
      dependsOn: [...barrierBefore, ...segmentIds],
      inputs: [...carried],
      own: typeof point === 'object' ? own(point) : {},
      path: [...path, 'sync_points', s],
      syncPoint: point.name,
    });
    if (point.agent) carried.push(syncId);
  }
  if (!tasks.length && !points.some((p) => p.agent)) {
    issues.push(empty(path, 'add tasks, or give a sync point an agent'));
  }
  return {
    steps,
    maxConcurrent: stage.parallel_execution === false ? 1 : (stage.max_concurrent ?? null),
    issues,
  };
};

const primaryWithReviewers: Builder<'primary_with_reviewers'> = (stage, id, path) => {
  const primaryId = stepIds.primary(id);
  const reviewers = stage.reviewer_agents ?? [];
  const issues: ModelIssue[] = [];
  if (!reviewers.length) {
    issues.push({
      severity: 'warning',
      message: 'no reviewers: add reviewer_agents, or the primary goes unreviewed',
      path,
    });
  }
  for (const agent of Object.keys(stage.review_tasks ?? {})) {
    if (!reviewers.includes(agent)) {
      issues.push({
        severity: 'warning',
        message: `review_tasks names '${agent}', which is not among reviewer_agents${didYouMean(agent, reviewers)}`,
        path: [...path, 'review_tasks', agent],
        atKey: true,
      });
    }
  }
  const sequential = stage.parallel_execution === false;
  return {
    steps: [
      {
        id: primaryId,
        role: 'primary',
        index: 0,
        agent: stage.primary_agent,
        label: stage.primary_task ?? stage.primary_agent,
        task: stage.primary_task ?? '',
        checklist: [],
        dependsOn: [],
        inputs: [],
        own: {},
        path: [...path, 'primary_agent'],
      },
      ...reviewers.map((agent, i) => ({
        id: stepIds.reviewer(id, i),
        role: 'reviewer' as const,
        index: i,
        agent,
        label: agent,
        task: ownValue(stage.review_tasks, agent) ?? '',
        checklist: [],
        dependsOn: sequential && i > 0 ? [primaryId, stepIds.reviewer(id, i - 1)] : [primaryId],
        inputs: [primaryId],
        own: {},
        path: [...path, 'reviewer_agents', i],
      })),
    ],
    maxConcurrent: null,
    issues,
  };
};

const incrementalValidation: Builder<'incremental_validation'> = (stage, id, path) => {
  const sequential = stage.sequential !== false;
  const steps: StepDraft[] = [];
  let previousEnd: string | null = null;
  const agentIds: string[] = [];
  stage.phases.forEach((phase, i) => {
    const agentId = stepIds.phase(id, i);
    steps.push({
      id: agentId,
      role: 'phase',
      index: i,
      agent: phase.agent,
      label: phase.name,
      task: phase.task ?? phase.name,
      checklist: phase.checklist ?? [],
      dependsOn: sequential && previousEnd ? [previousEnd] : [],
      inputs: sequential ? [...agentIds] : [],
      own: own(phase),
      path: [...path, 'phases', i],
    });
    agentIds.push(agentId);
    previousEnd = agentId;
    if (phase.validator) {
      const validatorId = stepIds.validator(id, i);
      steps.push({
        id: validatorId,
        role: 'validator',
        index: i,
        agent: phase.validator,
        label: `validate ${phase.name}`,
        task: phase.validator_task ?? `Validate ${phase.name}`,
        checklist: [],
        dependsOn: [agentId],
        inputs: [agentId],
        own: {},
        path: [...path, 'phases', i, 'validator'],
      });
      previousEnd = validatorId;
    }
  });
  return {
    steps,
    maxConcurrent: null,
    issues: stage.phases.length ? [] : [empty(path, 'add phases, each with an agent and a validator')],
  };
};

const fanOutFanIn: Builder<'fan_out_fan_in'> = (stage, id, path) => {
  const sequential = stage.fan_out.parallel === false;
  const outIds = stage.fan_out.tasks.map((_, i) => stepIds.fanout(id, i));
  return {
    steps: [
      ...stage.fan_out.tasks.map((task, i) => ({
        id: outIds[i] as string,
        role: 'fanout' as const,
        index: i,
        agent: stage.fan_out.agent,
        label: task,
        task,
        checklist: [],
        dependsOn: sequential && i > 0 ? [outIds[i - 1] as string] : [],
        inputs: [],
        own: {},
        path: [...path, 'fan_out', 'tasks', i],
      })),
      {
        id: stepIds.fanin(id),
        role: 'fanin' as const,
        index: 0,
        agent: stage.fan_in.agent,
        label: stage.fan_in.task ?? stage.fan_in.agent,
        task: stage.fan_in.task ?? '',
        checklist: [],
        dependsOn: outIds,
        inputs: outIds,
        own: {},
        path: [...path, 'fan_in'],
      },
    ],
    maxConcurrent: stage.fan_out.max_concurrent ?? null,
    issues: stage.fan_out.tasks.length ? [] : [empty(path, 'add fan_out tasks')],
  };
};

const conditionalBranching: Builder<'conditional_branching'> = (stage, id, path) => {
  const logic = stage.conditional_logic;
  const analyzerId = stepIds.analyzer(id);
  const issues: ModelIssue[] = [];
  const seen = new Map<string, number>();
  logic.branches.forEach((b, i) => {
    if (!b.agent) {
      issues.push({
        severity: 'error',
        message: `branch '${b.condition}' has no agent: add "agent:" to say who runs when it is chosen`,
        path: [...path, 'conditional_logic', 'branches', i],
      });
    }
    const first = seen.get(b.condition);
    if (first !== undefined) {
      issues.push({
        severity: 'warning',
        message: `branch ${i} repeats condition '${b.condition}' of branch ${first}: only the first can ever run`,
        path: [...path, 'conditional_logic', 'branches', i, 'condition'],
      });
    } else seen.set(b.condition, i);
  });
  if (!logic.branches.length) issues.push(empty(path, 'add branches, each with a condition and an agent'));
  return {
    steps: [
      {
        id: analyzerId,
        role: 'analyzer',
        index: 0,
        agent: logic.analyzer,
        label: logic.analyzer_task ?? logic.analyzer,
        task: logic.analyzer_task ?? '',
        checklist: [],
        dependsOn: [],
        inputs: [],
        own: {},
        path: [...path, 'conditional_logic', 'analyzer'],
      },
      ...logic.branches.map((b, i) => ({
        id: stepIds.branch(id, i),
        role: 'branch' as const,
        index: i,
        agent: b.agent ?? null,
        label: b.condition,
        task: b.task ?? '',
        checklist: b.checklist ?? [],
        dependsOn: [analyzerId],
        inputs: [analyzerId],
        own: own(b),
        path: [...path, 'conditional_logic', 'branches', i],
        condition: b.condition,
      })),
    ],
    maxConcurrent: null,
    issues,
  };
};

/** The steps of one stage, with their dependencies inside it, as its pattern lays them out. */
export function stageSteps(stage: Stage, stageId: string, path: ModelPath): StageSteps {
  switch (stage.pattern) {
    case 'parallel_independent':
      return parallelIndependent(stage, stageId, path);
    case 'sequential_handoff':
      return sequentialHandoff(stage, stageId, path);
    case 'parallel_with_sync':
      return parallelWithSync(stage, stageId, path);
    case 'primary_with_reviewers':
      return primaryWithReviewers(stage, stageId, path);
    case 'incremental_validation':
      return incrementalValidation(stage, stageId, path);
    case 'fan_out_fan_in':
      return fanOutFanIn(stage, stageId, path);
    case 'conditional_branching':
      return conditionalBranching(stage, stageId, path);
  }
}

export type { PlanStep };
