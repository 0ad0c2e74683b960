import { ownValue } from '../model/ownValue.js';
import type { BranchSelectedData, ReviewVerdictData, StepEndedData, StepStartedData } from './eventData.js';
import type { RunEvent, RunStatus, StageStatus, StepStatus } from './events.js';

export interface StepState {
  status: StepStatus;
  /** Attempts started so far (1 for the first). */
  attempt: number;
  startedAt?: string;
  finishedAt?: string;
  /** The agent that ran last (the fallback's name when it stood in). */
  agent?: string | null;
  summary?: string;
  error?: string;
  verdict?: 'approve' | 'changes_requested';
  /** Review round, revision or validation attempt it last ran or was queued in (from 1), when the log says. */
  round?: number;
  /** Its last attempt ran a simulated stand-in (from `step.started`). */
  simulated?: boolean;
  /** Which queue worker ran each attempt, by attempt number (the queue dispatcher only). */
  workers?: Record<string, string>;
  logLines: number;
}

export interface StageState {
  status: StageStatus;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

export interface RunState {
  runId: string | null;
  status: RunStatus;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  /** The last event folded in: a stream resumes after it. */
  lastSeq: number;
  stages: Record<string, StageState>;
  steps: Record<string, StepState>;
  /** Per conditional stage, the condition the analyzer returned and the branch taken. */
  branches: Record<string, BranchSelectedData>;
  /** Names of the barriers passed, per stage. */
  barriers: Record<string, string[]>;
  artifacts: { stepId?: string; name: string; path: string }[];
}

export function emptyRunState(): RunState {
  return {
    runId: null,
    status: 'queued',
    lastSeq: 0,
    stages: {},
    steps: {},
    branches: {},
    barriers: {},
    artifacts: [],
  };
}

const STEP_STATUS: Partial<Record<RunEvent['type'], StepStatus>> = {
  'step.queued': 'queued',
  'step.started': 'running',
  'step.retrying': 'retrying',
  'step.succeeded': 'succeeded',
  'step.failed': 'failed',
  'step.skipped': 'skipped',
  'step.cancelled': 'cancelled',
};

const STAGE_STATUS: Partial<Record<RunEvent['type'], StageStatus>> = {
  'stage.started': 'running',
  'stage.succeeded': 'succeeded',
  'stage.failed': 'failed',
  'stage.skipped': 'skipped',
};

const RUN_STATUS: Partial<Record<RunEvent['type'], RunStatus>> = {
  'run.queued': 'queued',
  'run.started': 'running',
  'run.succeeded': 'succeeded',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

function record(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

/**
 * Fold one event into a run's state. Pure and copy-on-write: the state passed in is not
 * changed, and only the step or stage the event touches gets a new object, so a UI that
 * selects `state.steps[id]` re-renders one node per event.
 */
export function applyEvent(state: RunState, event: RunEvent): RunState {
  return fold(state, event, false);
}

/** With `inPlace`, the state is changed where it stands: a whole log folds in linear time. */
function fold(state: RunState, event: RunEvent, inPlace: boolean): RunState {
  if (event.seq <= state.lastSeq) return state; // already folded (a resumed stream may repeat)
  const next: RunState = inPlace ? state : { ...state };
  next.lastSeq = event.seq;
  next.runId = state.runId ?? event.runId;
  const data = record(event.data);
  const putStep = (id: string, step: StepState) => {
    next.steps = inPlace ? state.steps : { ...state.steps };
    next.steps[id] = step;
  };

  const runStatus = RUN_STATUS[event.type];
  if (runStatus) {
    next.status = runStatus;
    if (event.type === 'run.started' && !next.startedAt) next.startedAt = event.ts;
    if (runStatus !== 'queued' && runStatus !== 'running') {
      next.finishedAt = event.ts;
      if (typeof data.error === 'string') next.error = data.error;
    }
    return next;
  }

  const stageStatus = STAGE_STATUS[event.type];
  if (stageStatus && event.stageId) {
    const prev = ownValue(state.stages, event.stageId) ?? { status: 'pending' };
    const stage: StageState = { ...prev, status: stageStatus };
    if (stageStatus === 'running') stage.startedAt = event.ts;
    else stage.finishedAt = event.ts;
    if (typeof data.error === 'string') stage.error = data.error;
    next.stages = inPlace ? state.stages : { ...state.stages };
    next.stages[event.stageId] = stage;
    return next;
  }

  const stepStatus = STEP_STATUS[event.type];
  if (stepStatus && event.stepId) {
    const prev = ownValue(state.steps, event.stepId) ?? { status: 'idle', attempt: 0, logLines: 0 };
    const step: StepState = { ...prev, status: stepStatus };
    if (event.attempt !== undefined) step.attempt = event.attempt;
    if ((event.type === 'step.started' || event.type === 'step.queued') && typeof data.round === 'number') {
      step.round = data.round;
    }
    if (event.type === 'step.started') {
      const started = data as Partial<StepStartedData>;
      step.startedAt = event.ts;
      step.finishedAt = undefined;
      step.error = undefined;
      if (started.agent !== undefined) step.agent = started.agent;
      step.simulated = started.simulated === true ? true : undefined;
    } else if (stepStatus !== 'queued' && stepStatus !== 'retrying') {
      const ended = data as StepEndedData;
      step.finishedAt = event.ts;
      if (ended.reused && stepStatus === 'succeeded') step.status = 'reused';
      if (typeof ended.summary === 'string') step.summary = ended.summary;
      if (typeof ended.error === 'string') step.error = ended.error;
      else if (typeof ended.reason === 'string') step.error = ended.reason;
    } else if (event.type === 'step.retrying' && typeof data.error === 'string') {
      step.error = data.error;
    }
    if (typeof data.worker === 'string' && event.attempt !== undefined) {
      step.workers = { ...step.workers, [event.attempt]: data.worker };
    }
    putStep(event.stepId, step);
    return next;
  }

  switch (event.type) {
    case 'step.log': {
      if (!event.stepId) return next;
      const prev = ownValue(state.steps, event.stepId) ?? { status: 'idle', attempt: 0, logLines: 0 };
      putStep(event.stepId, { ...prev, logLines: prev.logLines + 1 });
      return next;
    }
    case 'branch.selected':
      if (event.stageId) {
        const branch: BranchSelectedData = {
          condition: typeof data.condition === 'string' ? data.condition : '',
          stepId: typeof data.stepId === 'string' ? data.stepId : null,
        };
        next.branches = { ...state.branches, [event.stageId]: branch };
      }
      return next;
    case 'barrier.passed':
      if (event.stageId) {
        const passed = ownValue(state.barriers, event.stageId) ?? [];
        next.barriers = {
          ...state.barriers,
          [event.stageId]: [...passed, String(data.name ?? event.stepId)],
        };
      }
      return next;
    case 'review.verdict': {
      if (!event.stepId) return next;
      const prev = ownValue(state.steps, event.stepId) ?? { status: 'idle', attempt: 0, logLines: 0 };
      const { verdict, round } = data as Partial<ReviewVerdictData>;
      putStep(event.stepId, {
        ...prev,
        ...(verdict ? { verdict } : {}),
        ...(typeof round === 'number' && round > 1 ? { round } : {}),
      });
      return next;
    }
    case 'artifact.created':
      next.artifacts = inPlace ? state.artifacts : [...state.artifacts];
      next.artifacts.push({
        stepId: event.stepId,
        name: String(data.name ?? ''),
        path: String(data.path ?? ''),
      });
      return next;
    default:
      return next;
  }
}

/** A run's state: the fold of its events (docs/design.md §3.1); the server and the browser share it. */
export function reduceRun(events: Iterable<RunEvent>, initial: RunState = emptyRunState()): RunState {
  let state: RunState = {
    ...initial,
    stages: { ...initial.stages },
    steps: { ...initial.steps },
    artifacts: [...initial.artifacts],
  };
  for (const event of events) state = fold(state, event, true);
  return state;
}
