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

export interface HealthResponse {
  ok: true;
  version: string;
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

export interface CreateRunRequest {
  orchestrationId?: string;
  yaml?: string;
  speed?: number;
  dispatcher?: 'local' | 'queue';
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
  steps: Record<string, RunStepSummary>;
}

export interface RunsResponse {
  runs: Omit<RunRecord, 'steps'>[];
}
