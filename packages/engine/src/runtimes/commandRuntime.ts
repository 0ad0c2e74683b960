import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StepInvocation, StepResult } from '../contract.js';
import { type AgentRuntime, failed, messageOf, type RuntimeContext, runtimeOf } from './agentRuntime.js';
import { invocationPayload, preview, resultFromJson } from './invocationPayload.js';
import { LineSplitter } from './lineSplitter.js';
import { terminateProcessGroup } from './processGroup.js';

export interface CommandRuntimeOptions {
  /** Between SIGTERM and SIGKILL when a step is cancelled or times out. Default 5s. */
  killGraceMs?: number;
}

/** Output kept from stdout when no result file is written (the rest is still logged). */
const MAX_OUTPUT = 1024 * 1024;

/**
 * The command runtime (DESIGN §3.3): runs the agent's argv (no shell) in its own process
 * group, so that a cancel or a timeout reaches the whole tree it starts. The invocation goes
 * in as JSON on stdin and in a file, the essentials in env; stdout and stderr come back as
 * log lines; exit 0 is success, and the result is `BATON_RESULT_FILE` if the agent wrote it,
 * else its stdout.
 */
export function createCommandRuntime(options: CommandRuntimeOptions = {}): AgentRuntime {
  const killGraceMs = options.killGraceMs ?? 5000;
  return {
    run: (invocation, context) => runCommand(invocation, context, killGraceMs),
  };
}

async function runCommand(
  invocation: StepInvocation,
  { signal, log }: RuntimeContext,
  killGraceMs: number,
): Promise<StepResult> {
  const settings = runtimeOf(invocation, 'command');
  const [program, ...args] = settings.command as [string, ...string[]];
  const dir = mkdtempSync(join(tmpdir(), 'baton-step-'));
  try {
    const payload = JSON.stringify(invocationPayload(invocation));
    const inputsFile = join(dir, 'invocation.json');
    const resultFile = join(dir, 'result.json');
    writeFileSync(inputsFile, payload);
    const env = {
      ...inheritedEnv(),
      ...settings.env,
      BATON_RUN_ID: invocation.runId,
      BATON_STAGE_ID: invocation.stageId,
      BATON_STEP_ID: invocation.stepId,
      BATON_AGENT: invocation.agent,
      BATON_ATTEMPT: String(invocation.attempt),
      BATON_ROUND: String(invocation.round),
      BATON_KEY: invocation.key,
      BATON_TASK: invocation.task,
      BATON_INPUTS_FILE: inputsFile,
      BATON_RESULT_FILE: resultFile,
    };
    const exit = await spawnAndWait(program, args, {
      cwd: settings.cwd,
      env,
      payload,
      signal,
      log,
      killGraceMs,
    });
    if (exit.spawnError) return failed(`cannot start '${program}': ${exit.spawnError}`);
    if (signal.aborted) return failed(`stopped: ${messageOf(signal.reason)}`, exit.stdout);
    if (exit.code !== 0) {
      const why = exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
      const last = exit.stderrTail.at(-1);
      return failed(last ? `${why}: ${preview(last)}` : why, exit.stdout.trim());
    }
    let written: string | null = null;
    try {
      written = readFileSync(resultFile, 'utf8');
    } catch {
      // Not written: stdout is the output.
    }
    if (written === null || !written.trim()) return { status: 'succeeded', output: exit.stdout.trim() };
    try {
      return resultFromJson(JSON.parse(written), 'the result file');
    } catch {
      return failed(`the result file is not valid JSON: ${preview(written)}`, exit.stdout.trim());
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The environment an agent inherits: this process's, without Baton's own settings
 * (`BATON_TOKEN`, `BATON_DATA_DIR`…): an agent is not handed the server's token. PATH, HOME and
 * the rest go through; the agent's own `env` and the step's `BATON_*` are laid over them.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toUpperCase().startsWith('BATON_')) env[key] = value;
  }
  return env;
}

interface SpawnOptions {
  cwd: string | undefined;
  env: NodeJS.ProcessEnv;
  payload: string;
  signal: AbortSignal;
  log: RuntimeContext['log'];
  killGraceMs: number;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderrTail: string[];
  spawnError?: string;
}

function spawnAndWait(program: string, args: string[], options: SpawnOptions): Promise<Exit> {
  return new Promise((resolve) => {
    const { signal, log } = options;
    let stdout = '';
    const stderrTail: string[] = [];
    const outLines = new LineSplitter((line) => log('stdout', line));
    const errLines = new LineSplitter((line) => {
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      log('stderr', line);
    });
    if (signal.aborted) {
      resolve({ code: null, signal: null, stdout, stderrTail });
      return;
    }
    // Detached: the child leads its own process group, so killing -pid reaches its whole tree
    // (and a Ctrl-C in the CLI's terminal reaches only the CLI, which then stops it cleanly).
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    let stopping: Promise<void> | null = null;
    const stop = () => {
      if (pid !== undefined && !stopping) stopping = terminateProcessGroup(pid, options.killGraceMs);
    };
    signal.addEventListener('abort', stop, { once: true });

    child.stdin.on('error', () => {
      // The agent need not read its stdin; an EPIPE is no failure.
    });
    child.stdin.end(options.payload);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.slice(0, MAX_OUTPUT - stdout.length);
      outLines.push(chunk);
    });
    child.stderr.on('data', (chunk: string) => errLines.push(chunk));

    let settled = false;
    const finish = (exit: Exit) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', stop);
      resolve(exit);
    };
    child.on('error', (error) => {
      finish({ code: null, signal: null, stdout, stderrTail, spawnError: messageOf(error) });
    });
    child.on('exit', (code, exitSignal) => {
      // Whatever the agent left running in its group goes with it; then wait for the pipes to
      // drain (bounded: a stray grandchild in another group could hold them open).
      const leftovers =
        pid === undefined ? Promise.resolve() : terminateProcessGroup(pid, options.killGraceMs);
      const drained = new Promise<void>((done) => {
        if (child.stdout.readableEnded && child.stderr.readableEnded) done();
        else child.on('close', () => done());
        setTimeout(done, 1000).unref();
      });
      void Promise.all([stopping ?? Promise.resolve(), leftovers, drained]).then(() => {
        outLines.flush();
        errLines.flush();
        finish({ code, signal: exitSignal, stdout, stderrTail });
      });
    });
  });
}
