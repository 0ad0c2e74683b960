import { randomBytes } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import { catalogFor, formatDiagnostic, nothingToRun } from '@baton/core';
import {
  createQueueDispatcher,
  type QueueDispatcher,
  removeStaleStepScratch,
  shownRedisUrl,
  startRun,
  stderrLogger,
} from '@baton/engine';
import { loadCliRegistry, reportRegistryProblems } from '../agentRegistryOption.js';
import { numberOption, queueOption, workspaceOption } from '../commandOptions.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { io } from '../io.js';
import { parseCommandArgs } from '../parseCommandArgs.js';
import { programWarnings } from '../programWarnings.js';
import { readOrchestrationFile } from '../readOrchestrationFile.js';
import { ProgressPrinter } from '../run/progressPrinter.js';
import { runSummary } from '../run/runSummary.js';
import { colourWanted, terminalStyle } from '../run/terminalStyle.js';

/** Exit code of a run interrupted by Ctrl-C (128 + SIGINT), as shells expect. */
export const EXIT_INTERRUPTED = 130;

/**
 * `baton run FILE [--speed N] [--json] [--agents DIR] [--seed N] [--data-dir DIR] [--simulate]
 * [--workspace DIR] [--dispatcher local|queue] [--redis URL]`: run an orchestration, with live
 * progress (or NDJSON events with --json), its steps here or on queue workers (docs/design.md §3.4);
 * `--simulate` runs every agent as its simulated stand-in (a dry run); exit 0 when it
 * succeeded, 1 when it failed, 130 when Ctrl-C cancelled it (its agents stopped first).
 */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    speed: { type: 'string' },
    json: { type: 'boolean' },
    agents: { type: 'string' },
    seed: { type: 'string' },
    'data-dir': { type: 'string' },
    simulate: { type: 'boolean' },
    workspace: { type: 'string' },
    dispatcher: { type: 'string' },
    redis: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('name exactly one file to run');
  const queue = queueOption(values.dispatcher, values.redis);
  const speed = numberOption('--speed', values.speed, 1, (n) => n > 0, 'a number above 0');
  const seed = numberOption('--seed', values.seed, 0, Number.isInteger, 'an integer');
  const path = positionals[0] as string;
  const simulate = values.simulate === true;
  const workspace = workspaceOption(values.workspace);

  // The registry: --agents DIR, else this folder's .claude/agents and baton.agents.yaml.
  const loaded = loadCliRegistry(values.agents);
  if (!loaded) return EXIT.failed;
  reportRegistryProblems(loaded);
  const registry = loaded.registry.catalog;

  const { result } = await readOrchestrationFile(path, loaded.compile);
  for (const d of result.diagnostics) {
    if (d.severity === 'error' || !values.json) io.err(formatDiagnostic(d, path));
  }
  if (!result.ok || !result.document || !result.plan) return EXIT.failed;
  const { document, plan } = result;
  const empty = nothingToRun(plan);
  if (empty) {
    io.err(`${path}: error: ${empty}`);
    return EXIT.failed;
  }
  // Before it starts: an agent whose CLI is missing would fail its steps (a dry run calls none).
  if (!simulate && !values.json && !queue) {
    for (const d of programWarnings(result, registry, workspace)) io.err(formatDiagnostic(d, path));
  }

  // Step scratch folders of a Baton killed outright before its steps ended.
  removeStaleStepScratch();
  const json = values.json === true;
  const style = terminalStyle(!json && colourWanted(process.stdout));
  const printer = json
    ? null
    : new ProgressPrinter(plan, process.stdout, style, process.stdout.isTTY === true);
  const runId = `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  let dispatcher: QueueDispatcher | undefined;
  if (queue) {
    dispatcher = createQueueDispatcher({
      redisUrl: queue,
      onConnection: (state, detail) =>
        io.err(
          state === 'down'
            ? `baton run: Redis at ${shownRedisUrl(queue)}: ${detail ?? 'unreachable'}`
            : `baton run: Redis is back`,
        ),
    });
  }
  if (!json)
    io.out(
      style.bold(
        `Running ${document.name ?? plan.name} (${path}) as ${runId}${speed !== 1 ? ` at speed ×${speed}` : ''}${
          simulate ? ' — dry run: every agent simulated' : ''
        }${queue ? ` — steps on the queue at ${shownRedisUrl(queue)}` : ''}`,
      ),
    );

  // A reader that goes away (`baton run … --json | head`) ends the run, not the process.
  let stdoutOpen = true;
  const write = (line: string) => {
    if (stdoutOpen) process.stdout.write(line);
  };
  const onStdoutError = () => {
    stdoutOpen = false;
    handle.cancel('the output was closed');
  };
  process.stdout.on('error', onStdoutError);

  const handle = startRun({
    runId,
    document,
    plan,
    agents: registry,
    speed,
    seed,
    simulate,
    workspace,
    dataDir: resolve(values['data-dir'] ?? '.baton'),
    ...(dispatcher ? { dispatcher } : {}),
    onEvent: printer ? printer.onEvent : (event) => write(`${JSON.stringify(event)}\n`),
    // Stdout carries the progress or the events; the engine's own troubles go to stderr.
    logger: stderrLogger,
  });

  // Ctrl-C cancels cleanly: agents are stopped, `run.cancelled` is recorded, then we exit.
  // A second Ctrl-C quits at once.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    if (!json)
      io.err(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: cancelling the run (again to quit at once)…`);
    handle.cancel(signal === 'SIGINT' ? 'interrupted (Ctrl-C)' : `received ${signal}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const state = await handle.done;
  await dispatcher?.close();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.stdout.off('error', onStdoutError);

  if (printer && stdoutOpen) {
    printer.stop();
    const agents = catalogFor(document.agents, registry);
    const where = handle.artifactsDir ? shortPath(handle.artifactsDir) : null;
    for (const line of runSummary(state, plan, agents, { speed, simulate, artifactsDir: where }, style))
      io.out(line);
  }
  if (state.status === 'succeeded') return EXIT.ok;
  return state.status === 'cancelled' ? EXIT_INTERRUPTED : EXIT.failed;
}

/** A path relative to the working directory when it lies inside it. */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
