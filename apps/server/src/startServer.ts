import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AgentCatalog } from '@baton/core';
import {
  createQueueDispatcher,
  loadAgentRegistry,
  type QueueDispatcher,
  removeStaleStepScratch,
  shownRedisUrl,
  unavailableAgents,
} from '@baton/engine';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { createApp, type RegistryView } from './createApp.js';
import { SERVER_TIMEOUTS } from './http/serverTimeouts.js';
import { loadExamples } from './loadExamples.js';
import { createLogger } from './logger.js';
import { RunManager } from './runs/RunManager.js';
import { StartupError } from './startupError.js';
import { lockDataDir } from './store/dataDirLock.js';
import { type Db, openDatabase, storeStartupError } from './store/openDatabase.js';
import { OrchestrationStore } from './store/orchestrationStore.js';
import { prepareDataDir } from './store/prepareDataDir.js';
import { RunStore } from './store/runStore.js';

export interface RunningServer {
  url: string;
  server: Server;
  runs: RunManager;
  /** The store's connection (a test caps it, `PRAGMA max_page_count`, to make the disk full). */
  db: Db;
  /** Graceful stop: no new requests, runs checkpointed (they resume on the next start), DB closed. */
  close(): Promise<void>;
}

export class PortInUseError extends StartupError {}

/**
 * Open the store, load the registry and examples, resume unfinished runs, and listen. What
 * keeps it from starting is a StartupError (the data folder, its lock, the store, the port),
 * and whatever it had taken is given back first.
 */
export async function startServer(
  config: ServerConfig,
  logger: Logger = createLogger(),
): Promise<RunningServer> {
  prepareDataDir(config.dataDir);
  const unlock = lockDataDir(config.dataDir);
  let db: Db | undefined;
  try {
    db = openDatabase(config.dataDir);
    const running = await serve(db, config, logger);
    const close = running.close;
    return {
      ...running,
      close: async () => {
        await close();
        unlock();
      },
    };
  } catch (error) {
    db?.close();
    unlock();
    throw storeStartupError(error, join(config.dataDir, 'baton.sqlite'));
  }
}

async function serve(db: Db, config: ServerConfig, logger: Logger): Promise<RunningServer> {
  // Step scratch folders of a Baton killed outright (kill -9, OOM) before their steps ended.
  const stale = removeStaleStepScratch();
  if (stale.length) logger.info({ folders: stale.length }, 'removed scratch folders left by a stopped Baton');
  const registry = loadAgentRegistry(config.agentsDir);
  for (const d of registry.diagnostics) logger.warn({ file: d.file, line: d.line }, d.message);
  const agents = (): AgentCatalog => registry.catalog;
  const registryView: RegistryView = {
    diagnostics: registry.diagnostics,
    unavailable: unavailableAgents(registry),
  };

  const orchestrations = new OrchestrationStore(db);
  const runStore = new RunStore(db);
  const queue = config.redisUrl ? openQueue(config.redisUrl, logger) : null;
  const runs = new RunManager({
    queue,
    store: runStore,
    agents,
    unavailableAgents: () => registryView.unavailable,
    dataDir: config.dataDir,
    workspace: config.workspace,
    logger,
  });
  if (config.loadExamples) {
    const loaded = loadExamples(orchestrations, agents(), logger);
    if (loaded) logger.info({ loaded }, 'loaded the examples into the empty store');
  }
  const app = createApp({
    config,
    logger,
    orchestrations,
    runStore,
    runs,
    agents,
    registry: () => registryView,
    queue,
  });

  const server = await listen(createServer(SERVER_TIMEOUTS, app), config);
  try {
    const resumed = runs.resumeUnfinished();
    if (resumed) logger.info({ resumed }, 'resumed unfinished runs');
  } catch (error) {
    await runs.shutdown();
    await queue?.close();
    server.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url, dataDir: config.dataDir }, 'baton server listening');

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await runs.shutdown();
      await queue?.close();
      server.closeAllConnections(); // live event streams end; clients reconnect to the next process
      await stopped;
      db.close();
      logger.info('baton server stopped');
    })();
    return closing;
  };
  return { url, server, runs, db, close };
}

/**
 * The queue dispatcher on `--redis URL`. Redis need not be up: the server starts and answers
 * either way, and queue runs wait for it (bounded per step, docs/design.md §3.4).
 */
function openQueue(redisUrl: string, logger: Logger): QueueDispatcher {
  const redis = shownRedisUrl(redisUrl);
  const queue = createQueueDispatcher({
    redisUrl,
    onConnection: (state, detail) => {
      if (state === 'down')
        logger.warn({ redis, detail }, 'the queue cannot reach Redis; queue steps wait for it');
      else logger.info({ redis }, 'the queue reaches Redis again');
    },
  });
  logger.info({ redis }, 'queue dispatcher on');
  return queue;
}

/** Listen, or say why not: Express's own listen() hands a bind error to its callback as if it listened. */
function listen(server: Server, config: ServerConfig): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', ready);
      const where = `port ${config.port} on ${config.host}`;
      if (error.code === 'EADDRINUSE')
        reject(new PortInUseError(`${where} is in use; pick another with --port (or BATON_PORT)`));
      else if (error.code === 'EACCES')
        reject(
          new StartupError(`${where} needs privileges; pick a port above 1023 with --port (or BATON_PORT)`),
        );
      else if (error.code === 'EADDRNOTAVAIL')
        reject(
          new StartupError(`${config.host} is not an address of this machine; pick another with --host`),
        );
      else reject(error);
    };
    const ready = () => {
      server.off('error', failed);
      resolve(server);
    };
    server.once('error', failed);
    server.once('listening', ready);
    server.listen(config.port, config.host);
  });
}
