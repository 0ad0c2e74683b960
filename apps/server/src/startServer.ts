import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentCatalog } from '@baton/core';
import { loadAgentRegistry, unavailableAgents } from '@baton/engine';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { createApp, type RegistryView } from './createApp.js';
import { loadExamples } from './loadExamples.js';
import { createLogger } from './logger.js';
import { RunManager } from './runs/RunManager.js';
import { lockDataDir } from './store/dataDirLock.js';
import { openDatabase } from './store/openDatabase.js';
import { OrchestrationStore } from './store/orchestrationStore.js';
import { RunStore } from './store/runStore.js';

export interface RunningServer {
  url: string;
  server: Server;
  runs: RunManager;
  /** Graceful stop: no new requests, runs checkpointed (they resume on the next start), DB closed. */
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

/** Open the store, load the registry and examples, resume unfinished runs, and listen. */
export async function startServer(
  config: ServerConfig,
  logger: Logger = createLogger(),
): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = lockDataDir(config.dataDir);
  const db = openDatabase(config.dataDir);
  const registry = loadAgentRegistry(config.agentsDir);
  for (const d of registry.diagnostics) logger.warn({ file: d.file, line: d.line }, d.message);
  const agents = (): AgentCatalog => registry.catalog;
  const registryView: RegistryView = {
    diagnostics: registry.diagnostics,
    unavailable: unavailableAgents(registry),
  };

  const orchestrations = new OrchestrationStore(db);
  const runStore = new RunStore(db);
  const runs = new RunManager({
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
  });

  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    db.close();
    unlock();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(
        `port ${config.port} on ${config.host} is in use; pick another with --port (or BATON_PORT)`,
      );
    }
    throw error;
  }
  const resumed = runs.resumeUnfinished();
  if (resumed) logger.info({ resumed }, 'resumed unfinished runs');
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
      server.closeAllConnections(); // live event streams end; clients reconnect to the next process
      await stopped;
      db.close();
      unlock();
      logger.info('baton server stopped');
    })();
    return closing;
  };
  return { url, server, runs, close };
}
