import type {
  AgentsResponse,
  ApiError,
  CreateRunRequest,
  Diagnostic,
  HealthResponse,
  OrchestrationRecord,
  OrchestrationsResponse,
  RunRecord,
  RunsResponse,
  VersionConflict,
} from '@baton/core';

/** `GET /api/runs/:id`: the run's state by step, and the YAML that ran (its own plan). */
export type RunDetail = RunRecord & { yaml: string };

/** A request the server refused: its status, message and (for bad YAML) diagnostics. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

/** A stale save (412): someone saved first. `current` is what the server holds now. */
export class VersionConflictError extends ApiRequestError {
  constructor(readonly current: OrchestrationRecord) {
    super(412, `“${current.name}” was saved elsewhere (version ${current.version}) since you opened it`);
  }
}

async function readError(response: Response): Promise<ApiRequestError> {
  let body: Partial<ApiError> | null = null;
  try {
    body = (await response.json()) as Partial<ApiError>;
  } catch {
    body = null;
  }
  if (response.status === 412 && body && 'current' in body) {
    return new VersionConflictError((body as VersionConflict).current);
  }
  const message = body?.error?.message ?? `${response.status} ${response.statusText}`;
  return new ApiRequestError(response.status, message, body?.error?.diagnostics ?? []);
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: {
      Accept: 'application/json',
      ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
      ...init?.headers,
    },
  });
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const json = (body: unknown) => JSON.stringify(body);

/** The server's JSON API (docs/design.md §4): same origin, so no credentials or CORS to arrange. */
export const api = {
  agents: () => request<AgentsResponse>('/api/agents'),
  list: () => request<OrchestrationsResponse>('/api/orchestrations'),
  get: (id: string) => request<OrchestrationRecord>(`/api/orchestrations/${encodeURIComponent(id)}`),
  create: (yaml: string) =>
    request<OrchestrationRecord>('/api/orchestrations', { method: 'POST', body: json({ yaml }) }),
  /** Save over `version`; a stale version throws `VersionConflictError` and overwrites nothing. */
  update: (id: string, yaml: string, version: number) =>
    request<OrchestrationRecord>(`/api/orchestrations/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: json({ yaml }),
      headers: { 'If-Match': `"${version}"` },
    }),
  remove: (id: string) =>
    request<void>(`/api/orchestrations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  health: () => request<HealthResponse>('/api/health'),
  runs: (orchestrationId: string) =>
    request<RunsResponse>(`/api/runs?orchestrationId=${encodeURIComponent(orchestrationId)}`),
  run: (id: string) => request<RunDetail>(`/api/runs/${encodeURIComponent(id)}`),
  startRun: (body: CreateRunRequest) =>
    request<Omit<RunRecord, 'steps'>>('/api/runs', { method: 'POST', body: json(body) }),
  cancelRun: (id: string) =>
    request<{ id: string; status: string }>(`/api/runs/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
};

/** Where a run's artifact is served (the artifacts route; `path` relative to the run's folder). */
export const artifactUrl = (runId: string, path: string) =>
  `/api/runs/${encodeURIComponent(runId)}/artifacts/${path.split('/').map(encodeURIComponent).join('/')}`;
