import { exportCommand } from './commands/exportCommand.js';
import { validateCommand } from './commands/validateCommand.js';
import { EXIT, UsageError } from './exitCodes.js';
import { io } from './io.js';

const USAGE = `baton — design, run and export multi-agent orchestrations

Usage:
  baton validate FILE...                       check files; prints file:line:col: severity: message
  baton export FILE --format full|seed|mermaid [-o OUT]
                                               write the file in another form (default: stdout)
  baton help                                   this text

Exit codes: 0 success, 1 invalid file or failed run, 2 wrong usage.`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  export: exportCommand,
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
