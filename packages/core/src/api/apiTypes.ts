import type { AgentInfo } from '../agents/builtinAgents.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Estimate } from '../plan/estimate.js';
import type { Plan } from '../plan/types.js';
import type { RunStatus, StepStatus } from '../run/events.js';
import type { FileForm } from '../yaml/YamlSource.js';

/**
 * The bodies of the server's JSON API (docs/design.md §4), shared by the server that sends them and
 * the web app that reads them, so that both sides agree by type.
 */

export interface ApiError {
  error: {
    code: string;
    message: string;
    /** The first few hundred diagnostics of a refused file, in file order. */
    diagnostics?: Diagnostic[];
    /** With `diagnostics`: how many more the file has than are listed. */
    moreDiagnostics?: number;
  };
}

/** Where a run's steps execute (docs/design.md §3.4). */
export type RunDispatcher = 'local' | 'queue';

export interface HealthResponse {
  ok: true;
  version: string;
  /** The dispatchers this server offers: a run may ask for any of them (`CreateRunRequest.dispatcher`). */
  dispatchers: RunDispatcher[];
  /** What a run without `dispatcher` uses. */
  defaultDispatcher: RunDispatcher;
  /** With the queue dispatcher: its Redis (no password) and whether it answers now. */
  queue?: QueueHealth;
}

export interface QueueHealth {
  redis: string;
  reachable: boolean;
}

/** A queue worker (`baton worker`) as it reports itself every few seconds. */
export interface QueueWorker {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  /** Steps it runs now. */
  running: number;
  /** The agents it has besides simulated ones. */
  agents: string[];
  startedAt: string;
  /** Its last report (a worker not heard of for 15 s is not listed). */
  seenAt: string;
}

/** `GET /api/workers`: `queue` null when the server has no queue dispatcher. */
export interface WorkersResponse {
  queue: QueueHealth | null;
  workers: QueueWorker[];
}

/** A problem with one agent file of the registry: that file (or that agent) is left out, the rest loads. */
export interface RegistryDiagnostic {
  severity: 'error' | 'warning';
  /** The file, as the server or CLI was told it (relative to the agents folder when inside it). */
  file: string;
  line?: number;
  message: string;
  /** The agent the file declares (or would, from its name), when known. */
  agent?: string;
}

export interface AgentsResponse {
  agents: AgentInfo[];
  /** What the registry could not read, or read with a warning. */
  diagnostics: RegistryDiagnostic[];
}

/** An orchestration as stored: its YAML text is the truth, `version` counts saves (ETag). */
export interface OrchestrationRecord {
  id: string;
  name: string;
  version: number;
  yaml: string;
  updatedAt: string;
}

export interface OrchestrationSummary {
  id: string;
  name: string;
  version: number;
  updatedAt: string;
  stages: number;
  steps: number;
  /** Its most recent run, when it has one. */
  lastRun?: { id: string; status: RunStatus; createdAt: string };
}

export interface OrchestrationsResponse {
  orchestrations: OrchestrationSummary[];
}

/** The body of a stale `PUT` (412): what is stored now, so the editor can offer a choice. */
export interface VersionConflict extends ApiError {
  current: OrchestrationRecord;
}

export interface ValidateResponse {
  ok: boolean;
  form: FileForm | null;
  /**
   * The first diagnostics, in file order: at most a few hundred (the server's
   * `MAX_REPORTED_DIAGNOSTICS`, 200), so that a file of 700,000 findings gets a small answer.
   */
  diagnostics: Diagnostic[];
  /** How many diagnostics the file has past those listed (0: all are listed). */
  moreDiagnostics: number;
  plan: Plan | null;
  /** The plan's estimate, for a file without errors (a refused plan may be too large to schedule). */
  estimate: Estimate | null;
}

/**
 * `POST /api/runs`: exactly one of `orchestrationId`, `yaml` and `retryOf`.
 *
 * `retryOf` starts a new run of that run's orchestration as stored now (or of the same YAML,
 * for a run posted as YAML) that reuses the result of every step that succeeded in it and is
 * unchanged, its inputs included (`step.succeeded` with `data.reused: true`); the rest runs.
 * `speed` then defaults to the earlier run's.
 */
export interface CreateRunRequest {
  orchestrationId?: string;
  yaml?: string;
  /** The id of a finished run to retry. */
  retryOf?: string;
  speed?: number;
  dispatcher?: RunDispatcher;
  /** A dry run: every agent runs as its simulated stand-in (docs/design.md §3.3). */
  simulate?: boolean;
}

export interface RunStepSummary {
  status: StepStatus;
  attempt: number;
  startedAt?: string;
  finishedAt?: string;
  /** The queue worker of each attempt, by attempt number (queue runs only). */
  workers?: Record<string, string>;
}

export interface RunRecord {
  id: string;
  orchestrationId: string | null;
  name: string;
  status: RunStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Divides simulated durations (docs/design.md §3.3). */
  speed: number;
  dispatcher: RunDispatcher;
  /** The run this one retries, when it is a retry. */
  retryOf?: string;
  /** A dry run: every agent ran as its simulated stand-in. */
  simulate: boolean;
  /** The folder every agent worked in (absolute). */
  workspace: string;
  steps: Record<string, RunStepSummary>;
}

export interface RunsResponse {
  runs: Omit<RunRecord, 'steps'>[];
}
