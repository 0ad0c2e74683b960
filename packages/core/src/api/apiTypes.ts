import type { AgentInfo } from '../agents/builtinAgents.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Estimate } from '../plan/estimate.js';
import type { Plan } from '../plan/types.js';
import type { RunStatus, StepStatus } from '../run/events.js';
import type { FileForm } from '../yaml/YamlSource.js';

/**
 * The bodies of the server's JSON API (DESIGN §4), shared by the server that sends them and
 * the web app that reads them, so that both sides agree by type.
 */

export interface ApiError {
  error: { code: string; message: string; diagnostics?: Diagnostic[] };
}

/** Where a run's steps execute (DESIGN §3.4). */
export type RunDispatcher = 'local' | 'queue';

export interface HealthResponse {
  ok: true;
  version: string;
  /** The dispatchers this server offers: a run may ask for any of them (`CreateRunRequest.dispatcher`). */
  dispatchers: RunDispatcher[];
}

export interface AgentsResponse {
  agents: AgentInfo[];
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
  diagnostics: Diagnostic[];
  plan: Plan | null;
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
}

export interface RunStepSummary {
  status: StepStatus;
  attempt: number;
  startedAt?: string;
  finishedAt?: string;
}

export interface RunRecord {
  id: string;
  orchestrationId: string | null;
  name: string;
  status: RunStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Divides simulated durations (DESIGN §3.3). */
  speed: number;
  dispatcher: RunDispatcher;
  /** The run this one retries, when it is a retry. */
  retryOf?: string;
  steps: Record<string, RunStepSummary>;
}

export interface RunsResponse {
  runs: Omit<RunRecord, 'steps'>[];
}
