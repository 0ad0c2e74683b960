import type { AgentCatalog, HealthResponse, RegistryDiagnostic } from '@baton/core';
import { type QueueDispatcher, shownRedisUrl } from '@baton/engine';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { sharedCheckPool } from './checks/CheckPool.js';
import type { ServerConfig } from './config.js';
import { ApiError } from './http/ApiError.js';
import type { YamlChecker } from './http/checkOrchestration.js';
import { BODY_LIMIT_BYTES, declaredBodyLimit } from './http/declaredBodyLimit.js';
import { errorHandler } from './http/errorHandler.js';
import { YAML_MEDIA_TYPES } from './http/readYamlBody.js';
import { requireUtf8 } from './http/requireUtf8.js';
import { agentsRoute } from './routes/agentsRoute.js';
import { artifactRoot, sendArtifact } from './routes/artifactsRoute.js';
import { orchestrationsRoutes } from './routes/orchestrationsRoutes.js';
import { runsRoutes } from './routes/runsRoutes.js';
import { validateRoute } from './routes/validateRoute.js';
import { queueHealth, workersRoute } from './routes/workersRoute.js';
import type { RunManager } from './runs/RunManager.js';
import { allowedHostNames, hostCheck, originCheck } from './security/hostPolicy.js';
import { requireToken, tokenCookieFromQuery } from './security/tokenAuth.js';
import type { OrchestrationStore } from './store/orchestrationStore.js';
import type { RunStore } from './store/runStore.js';
import { serveWebApp } from './web/serveWebApp.js';

export const VERSION = '0.1.0';

export interface AppContext {
  config: ServerConfig;
  logger: Logger;
  orchestrations: OrchestrationStore;
  runStore: RunStore;
  runs: RunManager;
  agents: () => AgentCatalog;
  /** What the registry could not read (GET /api/agents), and the agents that failed by name. */
  registry?: () => RegistryView;
  /** Checks posted files off the event loop (default: the process's shared `CheckPool`). */
  checker?: YamlChecker;
  /** The queue dispatcher, with `--redis` (docs/design.md §3.4). */
  queue?: QueueDispatcher | null;
}

export interface RegistryView {
  diagnostics: readonly RegistryDiagnostic[];
  /** Failed agent → why, completing "agent 'x' …" (core compile's `unavailableAgents`). */
  unavailable: Readonly<Record<string, string>>;
}

const NO_REGISTRY: RegistryView = { diagnostics: [], unavailable: {} };

/** The Express app: security first, then the JSON API, then the web app (docs/design.md §4). */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  const allowed = allowedHostNames(ctx.config.host, ctx.config.allowedHosts);
  app.use(hostCheck(allowed));
  if (ctx.config.token) {
    app.use(tokenCookieFromQuery(ctx.config.token));
    app.use('/api', requireToken(ctx.config.token));
  }
  app.use('/api', originCheck);
  app.use(declaredBodyLimit);
  app.use(
    '/api',
    express.json({ limit: BODY_LIMIT_BYTES, verify: requireUtf8 }),
    // YAML as bytes: core decodes them, refusing any that are not UTF-8 (never U+FFFD).
    express.raw({ type: YAML_MEDIA_TYPES, limit: BODY_LIMIT_BYTES }),
  );

  const queue = ctx.queue ?? null;
  const redis = ctx.config.redisUrl ? shownRedisUrl(ctx.config.redisUrl) : '';
  const defaultDispatcher = queue && ctx.config.dispatcher === 'queue' ? 'queue' : 'local';
  app.get('/api/health', (_req, res) => {
    const body: HealthResponse = {
      ok: true,
      version: VERSION,
      dispatchers: queue ? ['local', 'queue'] : ['local'],
      defaultDispatcher,
    };
    const health = queueHealth(queue, redis);
    if (health) body.queue = health;
    res.json(body);
  });
  app.use('/api/workers', workersRoute(queue, redis));
  const registry = ctx.registry ?? (() => NO_REGISTRY);
  const unavailable = () => registry().unavailable;
  app.use(
    '/api/agents',
    agentsRoute(ctx.agents, () => registry().diagnostics, ctx.config.agentsDir),
  );
  const checker = ctx.checker ?? sharedCheckPool();
  const checkContext = () => ({ agents: ctx.agents(), unavailableAgents: unavailable() });
  app.use('/api/orchestrations', orchestrationsRoutes(ctx.orchestrations, checker, checkContext));
  app.use('/api/validate', validateRoute(checker, checkContext));
  app.get('/api/runs/:id/artifacts/*path', async (req, res) => {
    const run = ctx.runStore.get(req.params.id);
    if (!run) throw new ApiError(404, 'not_found', `no run with id '${req.params.id}'`);
    const parts = (req.params as unknown as { path: string[] }).path;
    await sendArtifact(
      res,
      artifactRoot(ctx.runStore.events(run.id), ctx.config.dataDir),
      parts,
      ctx.config.dataDir,
    );
  });
  app.use(
    '/api/runs',
    runsRoutes({
      runs: ctx.runs,
      runStore: ctx.runStore,
      orchestrations: ctx.orchestrations,
      agents: ctx.agents,
      unavailableAgents: unavailable,
      workspace: ctx.config.workspace,
      checker,
      hasQueue: queue !== null,
      defaultDispatcher,
    }),
  );
  app.use('/api', (req) => {
    throw new ApiError(404, 'no_route', `no API route ${req.method} ${req.originalUrl}`);
  });
  app.use(serveWebApp(ctx.config.webDir));
  app.use(errorHandler(ctx.logger));
  return app;
}
