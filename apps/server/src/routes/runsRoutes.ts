import {
  type AgentCatalog,
  type CreateRunRequest,
  nothingToRun,
  type RunRecord,
  type RunsResponse,
} from '@baton/core';
import { Router } from 'express';
import { ApiError, notFound } from '../http/ApiError.js';
import { checkOrchestration, type YamlChecker } from '../http/checkOrchestration.js';
import type { RunManager } from '../runs/RunManager.js';
import type { OrchestrationStore } from '../store/orchestrationStore.js';
import type { RunStore, StoredRun } from '../store/runStore.js';
import { runEventStream } from './runEventStream.js';

function parseCreateRun(body: unknown): CreateRunRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(
      400,
      'invalid_body',
      'send {"orchestrationId": "<id>"}, {"yaml": "<file text>"} or {"retryOf": "<run id>"}',
    );
  }
  const b = body as Record<string, unknown>;
  const out: CreateRunRequest = {};
  if (b.orchestrationId !== undefined) {
    if (typeof b.orchestrationId !== 'string')
      throw new ApiError(400, 'invalid_body', 'orchestrationId must be a string');
    out.orchestrationId = b.orchestrationId;
  }
  if (b.yaml !== undefined) {
    if (typeof b.yaml !== 'string')
      throw new ApiError(400, 'invalid_body', 'yaml must be a string holding the file text');
    out.yaml = b.yaml;
  }
  if (b.retryOf !== undefined) {
    if (typeof b.retryOf !== 'string' || !b.retryOf)
      throw new ApiError(400, 'invalid_body', 'retryOf must be the id of the run to retry');
    out.retryOf = b.retryOf;
  }
  const sources = [out.orchestrationId, out.yaml, out.retryOf].filter((v) => v !== undefined).length;
  if (sources !== 1) {
    throw new ApiError(
      400,
      'invalid_body',
      'send exactly one of "orchestrationId", "yaml" and "retryOf" (a retry runs the orchestration of the run it retries)',
    );
  }
  if (b.speed !== undefined) {
    if (typeof b.speed !== 'number' || !Number.isFinite(b.speed) || b.speed <= 0 || b.speed > 10_000) {
      throw new ApiError(400, 'invalid_speed', 'speed must be a number above 0 and at most 10000');
    }
    out.speed = b.speed;
  }
  if (b.dispatcher !== undefined) {
    if (b.dispatcher !== 'local' && b.dispatcher !== 'queue') {
      throw new ApiError(400, 'invalid_dispatcher', 'dispatcher must be "local" or "queue"');
    }
    out.dispatcher = b.dispatcher;
  }
  if (b.simulate !== undefined) {
    if (typeof b.simulate !== 'boolean') {
      throw new ApiError(
        400,
        'invalid_simulate',
        'simulate must be true (a dry run: every agent as its simulated stand-in) or false',
      );
    }
    out.simulate = b.simulate;
  }
  const known = new Set(['orchestrationId', 'yaml', 'retryOf', 'speed', 'dispatcher', 'simulate']);
  const unknown = Object.keys(b).filter((k) => !known.has(k));
  if (unknown.length) throw new ApiError(400, 'invalid_body', `unknown field(s): ${unknown.join(', ')}`);
  return out;
}

/** A run's record without its steps; `workspace` is the server's for a run stored before runs kept theirs. */
function summary(run: StoredRun, workspace: string): Omit<RunRecord, 'steps'> {
  return {
    id: run.id,
    orchestrationId: run.orchestrationId,
    name: run.name,
    status: run.status,
    createdAt: run.createdAt,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    speed: run.speed,
    dispatcher: run.dispatcher,
    ...(run.retryOf ? { retryOf: run.retryOf } : {}),
    simulate: run.simulate,
    workspace: run.workspace ?? workspace,
  };
}

/**
 * What a retry of `earlier` runs: its orchestration as stored now, or, for a run posted as
 * YAML, the same YAML. An active run cannot be retried: its results are not all in.
 */
function retrySource(
  deps: RunsRoutesDeps,
  runId: string,
): { earlier: StoredRun; yaml: string; orchestrationId: string | null } {
  const earlier = deps.runStore.get(runId);
  if (!earlier) throw notFound('run', runId);
  if (deps.runs.isActive(earlier.id) || earlier.status === 'queued' || earlier.status === 'running') {
    throw new ApiError(
      409,
      'run_active',
      `run '${earlier.id}' is still ${earlier.status}: wait for it to end (or cancel it), then retry it`,
    );
  }
  if (earlier.orchestrationId === null) return { earlier, yaml: earlier.yaml, orchestrationId: null };
  const record = deps.orchestrations.get(earlier.orchestrationId);
  if (!record) {
    throw new ApiError(
      404,
      'not_found',
      `run '${earlier.id}' ran orchestration '${earlier.orchestrationId}', which no longer exists: run its YAML instead`,
    );
  }
  return { earlier, yaml: record.yaml, orchestrationId: record.id };
}

export interface RunsRoutesDeps {
  runs: RunManager;
  runStore: RunStore;
  orchestrations: OrchestrationStore;
  agents: () => AgentCatalog;
  /** The registry's agents whose file failed: name → why (a reference to one says so). */
  unavailableAgents?: () => Readonly<Record<string, string>>;
  /** The server's workspace. */
  workspace: string;
  /** Checks posted files off the event loop. */
  checker: YamlChecker;
  /** The server has the queue dispatcher (`--redis`). */
  hasQueue?: boolean;
  /** What a run that does not say uses. */
  defaultDispatcher?: 'local' | 'queue';
}

export function runsRoutes(deps: RunsRoutesDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parseCreateRun(req.body);
    if (body.dispatcher === 'queue' && !deps.hasQueue) {
      // Refused rather than silently run here.
      throw new ApiError(
        400,
        'queue_unavailable',
        'this server has no queue dispatcher (start it with --redis URL): run with "dispatcher": "local"',
      );
    }
    let yaml = body.yaml;
    let orchestrationId: string | null = null;
    let earlier: StoredRun | null = null;
    if (body.orchestrationId !== undefined) {
      const record = deps.orchestrations.get(body.orchestrationId);
      if (!record) throw notFound('orchestration', body.orchestrationId);
      yaml = record.yaml;
      orchestrationId = record.id;
    } else if (body.retryOf !== undefined) {
      ({ earlier, yaml, orchestrationId } = retrySource(deps, body.retryOf));
    }
    const { document, plan } = await checkOrchestration(deps.checker, yaml as string, {
      agents: deps.agents(),
      unavailableAgents: deps.unavailableAgents?.() ?? {},
    });
    const empty = nothingToRun(plan);
    if (empty) throw new ApiError(400, 'nothing_to_run', empty);
    const run = deps.runs.start({
      orchestrationId,
      name: document.name ?? plan.name,
      yaml: yaml as string,
      speed: body.speed ?? earlier?.speed ?? 1,
      // A retry is the same kind of run as the one it retries, unless the request says otherwise.
      simulate: body.simulate ?? earlier?.simulate ?? false,
      // A retry goes where its run went, while this server still has that dispatcher.
      dispatcher:
        body.dispatcher ??
        (earlier?.dispatcher === 'queue' && !deps.hasQueue ? undefined : earlier?.dispatcher) ??
        deps.defaultDispatcher ??
        'local',
      document,
      plan,
      ...(earlier ? { retryOf: earlier.id } : {}),
    });
    res.status(201).location(`/api/runs/${run.id}`).json(summary(run, deps.workspace));
  });

  router.get('/', (req, res) => {
    const orchestrationId =
      typeof req.query.orchestrationId === 'string' ? req.query.orchestrationId : undefined;
    const body: RunsResponse = {
      runs: deps.runStore.list({ orchestrationId }).map((r) => summary(r, deps.workspace)),
    };
    res.json(body);
  });

  router.get('/:id', (req, res) => {
    const run = deps.runStore.get(req.params.id);
    if (!run) throw notFound('run', req.params.id);
    const state = deps.runs.state(run.id);
    const fresh = deps.runStore.get(run.id) ?? run;
    const steps: RunRecord['steps'] = {};
    for (const [id, s] of Object.entries(state.steps)) {
      steps[id] = {
        status: s.status,
        attempt: s.attempt,
        ...(s.startedAt ? { startedAt: s.startedAt } : {}),
        ...(s.finishedAt ? { finishedAt: s.finishedAt } : {}),
        ...(s.workers ? { workers: s.workers } : {}),
      };
    }
    const body: RunRecord & { yaml: string } = { ...summary(fresh, deps.workspace), steps, yaml: run.yaml };
    res.json(body);
  });

  router.post('/:id/cancel', (req, res) => {
    const run = deps.runStore.get(req.params.id);
    if (!run) throw notFound('run', req.params.id);
    if (!deps.runs.cancel(run.id)) {
      throw new ApiError(
        409,
        'run_not_active',
        `run '${run.id}' is ${run.status}: only an active run can be cancelled`,
      );
    }
    res.status(202).json({ id: run.id, status: 'cancelling' });
  });

  router.get('/:id/events', (req, res) => {
    const run = deps.runStore.get(req.params.id);
    if (!run) throw notFound('run', req.params.id);
    runEventStream(deps.runs, req, res, run.id);
  });

  return router;
}
