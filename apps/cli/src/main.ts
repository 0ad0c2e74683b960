import { readFileSync } from 'node:fs';
import { agentsCommand } from './commands/agentsCommand.js';
import { exportCommand } from './commands/exportCommand.js';
import { runCommand } from './commands/runCommand.js';
import { serveCommand } from './commands/serveCommand.js';
import { validateCommand } from './commands/validateCommand.js';
import { workerCommand } from './commands/workerCommand.js';
import { COMMAND_USAGE, USAGE } from './commandUsage.js';
import { EXIT, UsageError } from './exitCodes.js';
import { io } from './io.js';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  agents: agentsCommand,
  export: exportCommand,
  run: runCommand,
  serve: serveCommand,
  worker: workerCommand,
};

/** The CLI's version, from its package.json (next to dist/ and src/). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const HELP_FLAGS = new Set(['--help', '-h']);

/** `baton help CMD`: that command's usage; an unknown one is wrong usage. */
function help(topic: string | undefined): number {
  if (topic === undefined) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const usage = Object.hasOwn(COMMAND_USAGE, topic) ? COMMAND_USAGE[topic] : undefined;
  if (!usage) {
    io.err(`baton help: no command '${topic}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  io.out(usage);
  return EXIT.ok;
}

/** Runs one `baton` command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.err(USAGE);
    return EXIT.usage;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`baton ${version()}`);
    return EXIT.ok;
  }
  if (name === 'help' || HELP_FLAGS.has(name)) return help(rest[0]);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`baton: unknown command '${name}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  // `baton run --help` (anywhere before a `--`): the command's usage, not an option error.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.some((arg) => HELP_FLAGS.has(arg))) return help(name);
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`baton ${name}: ${error.message}\n\n${COMMAND_USAGE[name] ?? USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}
