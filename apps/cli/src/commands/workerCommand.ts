import { runtimeKindOf } from '@baton/core';
import { type StepWorkerEvent, shownRedisUrl, startStepWorker } from '@baton/engine';
import { loadCliRegistry, reportRegistryProblems, shownPath } from '../agentRegistryOption.js';
import { numberOption, queueOption, workspaceOption } from '../commandOptions.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { io } from '../io.js';
import { parseCommandArgs } from '../parseCommandArgs.js';

/** Trouble said once per this long, not once per retry. */
const REPEAT_AFTER_MS = 10_000;

/**
 * `baton worker --redis URL [--concurrency N] [--agents DIR] [--workspace DIR] [--id NAME]
 * [--lock-ms N] [--grace-ms N]`: run queue steps here (docs/design.md §3.4), with this machine's
 * agents, until SIGTERM or Ctrl-C: then it takes no more, finishes its running steps for up to
 * --grace-ms and hands back the rest (at once on a second signal).
 */
export async function workerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    redis: { type: 'string' },
    concurrency: { type: 'string' },
    agents: { type: 'string' },
    workspace: { type: 'string' },
    id: { type: 'string' },
    'lock-ms': { type: 'string' },
    'grace-ms': { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`worker takes no file (got ${positionals.join(' ')})`);
  if (!(values.redis ?? process.env.BATON_REDIS_URL)) {
    throw new UsageError(
      'worker needs --redis URL (or BATON_REDIS_URL): the Redis its server queues steps on',
    );
  }
  const redisUrl = queueOption('queue', values.redis) as string;
  const concurrency = numberOption(
    '--concurrency',
    values.concurrency,
    1,
    isPositiveInteger,
    'a whole number above 0',
  );
  const lockMs = numberOption(
    '--lock-ms',
    values['lock-ms'],
    30_000,
    (n) => n >= 500,
    'a number of ms, 500 or more',
  );
  const graceMs = numberOption('--grace-ms', values['grace-ms'], 30_000, (n) => n >= 0, 'a number of ms');
  const workspace = workspaceOption(values.workspace);
  if (values.id !== undefined && !/^[\w.@-]{1,100}$/.test(values.id)) {
    throw new UsageError(
      `--id must be letters, digits, '.', '_', '@' or '-' (at most 100), not '${values.id}'`,
    );
  }

  const loaded = loadCliRegistry(values.agents);
  if (!loaded) return EXIT.failed;
  reportRegistryProblems(loaded);
  const { catalog } = loaded.registry;
  const real = Object.entries(catalog)
    .filter(([, agent]) => runtimeKindOf(agent) !== 'simulated')
    .map(([name]) => name);

  const said = new Map<string, number>();
  const worker = startStepWorker({
    redisUrl,
    agents: catalog,
    workspace,
    concurrency,
    lockMs,
    ...(values.id === undefined ? {} : { id: values.id }),
    onStep: (event) => io.out(stepLine(event)),
    onError: (message) => {
      const last = said.get(message);
      if (last !== undefined && Date.now() - last < REPEAT_AFTER_MS) return;
      said.set(message, Date.now());
      io.err(`baton worker: ${message}`);
    },
  });
  const shown = shownRedisUrl(redisUrl);
  const agents = real.length
    ? `${real.length} agent${real.length === 1 ? '' : 's'} from ${shownPath(loaded.dir, process.cwd()) || '.'} (${real.join(', ')})`
    : 'simulated agents only';
  io.out(
    `baton worker ${worker.id} · queue at ${shown} · concurrency ${concurrency} · ${agents} · workspace ${workspace}`,
  );

  await new Promise<void>((resolve) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals++;
      if (signals === 1) {
        const running = worker.running();
        io.err(
          `${signal}: taking no more steps${
            running
              ? `; finishing ${running} running (up to ${graceMs / 1000} s, ${signal} again hands them back)`
              : ''
          }`,
        );
        void worker.close({ graceMs }).then(resolve);
      } else if (signals === 2) {
        io.err(`${signal}: handing the running steps back to the queue (again to quit at once)`);
        void worker.close({ handBack: true });
      } else {
        // Redis gone, say: whatever was not handed back is found stalled and runs elsewhere.
        process.exit(EXIT.failed);
      }
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.err(`baton worker ${worker.id} stopped`);
  return EXIT.ok;
}

function isPositiveInteger(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

const MARKS: Record<Extract<StepWorkerEvent, { type: 'ended' }>['status'], string> = {
  succeeded: '✔',
  failed: '✖',
  'handed back': '↩',
  lost: '⚠',
};

function stepLine(event: StepWorkerEvent): string {
  if (event.type === 'started') return `▶ ${printable(event.key)} ${printable(event.agent)}`;
  const error = event.error ? `: ${printable(event.error)}` : '';
  return `${MARKS[event.status]} ${printable(event.key)} ${event.status}${error}`;
}

/** Names and errors come from posted files and agents: no terminal escape reaches the screen. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?').replace(/\n/g, ' ');
}
