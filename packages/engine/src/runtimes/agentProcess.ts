import { spawn } from 'node:child_process';
import type { RuntimeContext } from './agentRuntime.js';
import { messageOf } from './agentRuntime.js';
import { LineSplitter } from './lineSplitter.js';
import { terminateProcessGroup } from './processGroup.js';

/** Output kept from stdout (the rest is still streamed). */
const MAX_STDOUT = 1024 * 1024;
/** Lines of stderr kept for an error message. */
const STDERR_TAIL = 20;

export interface AgentProcessSpec {
  program: string;
  args: readonly string[];
  /** The working folder: the run's workspace unless a runtime says otherwise. */
  cwd: string | undefined;
  /** The whole environment of the process (see `inheritedEnv`). */
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed (closed at once when absent: no CLI waits on it). */
  stdin?: string;
  /** Between SIGTERM and SIGKILL when the signal aborts. */
  killGraceMs: number;
  /** Each stdout line as it arrives; default: logged as is. */
  onStdoutLine?: (line: string) => void;
}

export interface AgentProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Stdout as received (capped at 1 MiB). */
  stdout: string;
  /** The last stderr lines. */
  stderrTail: string[];
  /** Set when the process could not start; `code` is Node's (`ENOENT`…). */
  spawnError?: { code: string | undefined; message: string };
  /** The signal aborted (cancel or timeout) before the process ended: it was stopped. */
  aborted: boolean;
}

/**
 * Runs one agent process (docs/design.md §3.3): argv, no shell, in its own process group so that a
 * cancel or the step's timeout (both reach us as `signal`) stops the whole tree it started
 * (SIGTERM, then SIGKILL after the grace period). Stdout arrives line by line, stderr is
 * logged and its tail kept. Never rejects.
 */
export function runAgentProcess(spec: AgentProcessSpec, context: RuntimeContext): Promise<AgentProcessExit> {
  return new Promise((resolve) => {
    const { signal, log } = context;
    let stdout = '';
    const stderrTail: string[] = [];
    const outLines = new LineSplitter(spec.onStdoutLine ?? ((line) => log('stdout', line)));
    const errLines = new LineSplitter((line) => {
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL) stderrTail.shift();
      log('stderr', line);
    });
    if (signal.aborted) {
      resolve({ code: null, signal: null, stdout, stderrTail, aborted: true });
      return;
    }
    // Detached: the child leads its own process group, so killing -pid reaches its whole tree
    // (and a Ctrl-C in the CLI's terminal reaches only the CLI, which then stops it cleanly).
    const child = spawn(spec.program, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    let stopping: Promise<void> | null = null;
    const stop = () => {
      if (pid !== undefined && !stopping) stopping = terminateProcessGroup(pid, spec.killGraceMs);
    };
    signal.addEventListener('abort', stop, { once: true });

    child.stdin.on('error', () => {
      // The agent need not read its stdin; an EPIPE is no failure.
    });
    child.stdin.end(spec.stdin ?? '');
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < MAX_STDOUT) stdout += chunk.slice(0, MAX_STDOUT - stdout.length);
      outLines.push(chunk);
    });
    child.stderr.on('data', (chunk: string) => errLines.push(chunk));

    let settled = false;
    const finish = (exit: Omit<AgentProcessExit, 'aborted'>) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', stop);
      resolve({ ...exit, aborted: signal.aborted });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({
        code: null,
        signal: null,
        stdout,
        stderrTail,
        spawnError: { code: error.code, message: messageOf(error) },
      });
    });
    child.on('exit', (code, exitSignal) => {
      // Whatever the agent left running in its group goes with it; then wait for the pipes to
      // drain (bounded: a stray grandchild in another group could hold them open).
      const leftovers = pid === undefined ? Promise.resolve() : terminateProcessGroup(pid, spec.killGraceMs);
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

/**
 * The environment an agent inherits: this process's, without Baton's own settings
 * (`BATON_TOKEN`, `BATON_DATA_DIR`…): an agent is not handed the server's token. PATH, HOME and
 * the rest go through; the agent's own `env` is laid over them by the caller.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toUpperCase().startsWith('BATON_')) env[key] = value;
  }
  return env;
}

/** How a process ended, for an error message: "exited with code 3", "killed by SIGKILL". */
export function exitDescription(exit: AgentProcessExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
}
