import { ConfigError, createLogger, resolveConfig, StartupError, startServer } from '@baton/server';
import { EXIT, UsageError } from '../exitCodes.js';
import { io } from '../io.js';
import { parseCommandArgs } from '../parseCommandArgs.js';

/**
 * `baton serve [--host] [--port] [--data-dir] [--agents DIR] [--workspace DIR] [--dispatcher]
 * [--redis URL]`: the server with the editor (docs/design.md §4). Runs until SIGINT/SIGTERM, then stops gracefully.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    host: { type: 'string' },
    port: { type: 'string', short: 'p' },
    'data-dir': { type: 'string' },
    agents: { type: 'string' },
    workspace: { type: 'string' },
    dispatcher: { type: 'string' },
    redis: { type: 'string' },
    'no-examples': { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`serve takes no file (got ${positionals.join(' ')})`);
  let config: ReturnType<typeof resolveConfig>;
  try {
    config = resolveConfig({
      host: values.host,
      port: values.port,
      dataDir: values['data-dir'],
      agentsDir: values.agents,
      workspace: values.workspace,
      dispatcher: values.dispatcher,
      redisUrl: values.redis,
      loadExamples: !values['no-examples'],
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`baton serve: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
  const logger = createLogger();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, logger);
  } catch (error) {
    // One line, never a stack trace: the folder, file or port, and what to do. Anything
    // unforeseen is said as it is, its stack in the log at debug level.
    if (!(error instanceof StartupError)) logger.debug({ err: error }, 'start-up failed');
    const message = error instanceof Error ? error.message : String(error);
    io.err(`baton serve: ${error instanceof StartupError ? message : `could not start: ${message}`}`);
    return EXIT.failed;
  }
  io.out(
    `Baton is running at ${server.url}/  (data: ${config.dataDir}; workspace: ${config.workspace}; Ctrl-C to stop)`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.ok;
}
