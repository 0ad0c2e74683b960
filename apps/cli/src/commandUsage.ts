/** Each command's usage, as `baton help CMD` and `baton CMD --help` print it. */
export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  validate: `baton validate FILE|GLOB... [--agents DIR]
  Check files; prints file:line:col: severity: message, and file: ok for a good one.
  A quoted glob (examples/**/*.baton.yaml) is expanded here, in any shell.
  --agents DIR   the agents to check against (default: this folder's .claude/agents/*.md and
                 baton.agents.yaml, over the built-in simulated agents)
  Exit 0 when no file has an error, 1 otherwise.`,
  agents: `baton agents [--agents DIR] [--json]
  Every agent with its source and runtime (simulated or real), then what the agent files got
  wrong (file:line).
  --agents DIR   the agents folder (default: this folder)
  --json         the same as JSON`,
  export: `baton export FILE --format full|seed|mermaid [-o OUT]
  Write the file in another form (default: stdout).
  --format F     full, seed (one stage; its name and description as a leading comment) or
                 mermaid (a flowchart of the plan)
  -o OUT         write to OUT instead of stdout
  Exit 1 when the file is invalid or has no seed form.`,
  run: `baton run FILE [--speed N] [--json] [--agents DIR] [--seed N] [--data-dir DIR]
          [--simulate] [--workspace DIR] [--dispatcher local|queue] [--redis URL]
  Run it with live progress: its steps here, or on queue workers.
  --speed N        divide simulated durations (and retry backoff) by N
  --json           NDJSON events instead of progress
  --agents DIR     the agents folder (default: this folder)
  --seed N         draw other simulated jitter and failures (the same seed replays a run)
  --data-dir DIR   artifacts under DIR/.artifacts (default ./.baton)
  --simulate       a dry run: every agent as a simulated stand-in
  --workspace DIR  the agents' working folder (default: this folder)
  --dispatcher D   local (default: steps run here) or queue (steps run by baton worker)
  --redis URL      the queue's Redis, redis://host:port (or BATON_REDIS_URL)
  Exit 0 success, 1 an invalid file, nothing to run or a failed run, 130 cancelled by Ctrl-C.`,
  serve: `baton serve [--host 127.0.0.1] [--port 4800] [--data-dir ./.baton] [--agents DIR]
            [--workspace DIR] [--no-examples] [--dispatcher local|queue] [--redis URL]
  The server, with the editor at http://127.0.0.1:4800/. Runs' agents work in --workspace
  (default: this folder). Listening beyond loopback needs BATON_TOKEN. With --redis, runs may
  put their steps on the queue (the default with --dispatcher queue), run by baton worker.`,
  worker: `baton worker --redis URL [--concurrency N] [--agents DIR] [--workspace DIR] [--id NAME]
             [--lock-ms N] [--grace-ms N]
  Run queue steps on this machine, with its agents, until Ctrl-C or SIGTERM.
  --redis URL        the queue's Redis (or BATON_REDIS_URL)
  --concurrency N    steps at once (default 1)
  --agents DIR       this machine's agents folder (default: this folder); a step whose agent
                     is not here fails, saying so (simulated agents run everywhere)
  --workspace DIR    the agents' working folder (default: this folder)
  --id NAME          how the worker is named in runs and GET /api/workers (default host-pid)
  --lock-ms N        a worker silent this long loses its steps to another (default 30000)
  --grace-ms N       on SIGTERM, finish running steps for this long, then hand them back
                     (default 30000; a second signal hands them back at once)`,
  help: `baton help [COMMAND]
  This text, or one command's usage (also: baton COMMAND --help).`,
};

const SUMMARY: Readonly<Record<string, string>> = {
  validate: 'check files (quoted globs expanded)',
  agents: 'every agent, its source and runtime',
  export: 'write a file in another form: full, seed or mermaid',
  run: 'run an orchestration here, with live progress',
  serve: 'the server with the editor',
  worker: 'run queue steps on this machine',
  help: "this text, or a command's usage",
};

export const USAGE = `baton — design, run and export multi-agent orchestrations

Usage: baton COMMAND [OPTIONS]   (baton help COMMAND, or baton COMMAND --help, for its options)

${Object.entries(SUMMARY)
  .map(([name, what]) => `  ${name.padEnd(10)}${what}`)
  .join('\n')}

  baton --version                the version

Exit codes: 0 success, 1 invalid file, nothing to run or failed run, 2 wrong usage,
130 run cancelled by Ctrl-C.`;
