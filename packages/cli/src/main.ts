import { agentsCommand } from './commands/agentsCommand.js';
import { exportCommand } from './commands/exportCommand.js';
import { runCommand } from './commands/runCommand.js';
import { serveCommand } from './commands/serveCommand.js';
import { validateCommand } from './commands/validateCommand.js';
import { EXIT, UsageError } from './exitCodes.js';
import { io } from './io.js';

const USAGE = `baton — design, run and export multi-agent orchestrations

Usage:
  baton validate FILE... [--agents DIR]        check files; prints file:line:col: severity: message
  baton agents [--agents DIR] [--json]         every agent with its source and runtime (simulated or
                                               real), then what the agent files got wrong (file:line)
  baton export FILE --format full|seed|mermaid [-o OUT]
                                               write the file in another form (default: stdout)
  baton run FILE [--speed N] [--json] [--agents DIR] [--seed N] [--data-dir DIR]
               [--simulate] [--workspace DIR]
                                               run it here with live progress (--json: NDJSON events);
                                               --simulate: a dry run, every agent simulated;
                                               agents work in --workspace (default: this folder);
                                               artifacts under DIR/.artifacts (default ./.baton)
  Agents (validate, run, agents): --agents DIR, default this folder: its .claude/agents/*.md
  (Claude Code agent files) and baton.agents.yaml, over the built-in simulated agents.
  baton serve [--host 127.0.0.1] [--port 4800] [--data-dir ./.baton] [--agents DIR]
              [--workspace DIR] [--no-examples]
                                               the server with the editor at http://127.0.0.1:4800/;
                                               runs' agents work in --workspace (default: this folder)
  baton help                                   this text

Exit codes: 0 success, 1 invalid file or failed run, 2 wrong usage, 130 run cancelled by Ctrl-C.`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  agents: agentsCommand,
  export: exportCommand,
  run: runCommand,
  serve: serveCommand,
};

/** Runs one `baton` command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`baton: unknown command '${name}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`baton ${name}: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}
