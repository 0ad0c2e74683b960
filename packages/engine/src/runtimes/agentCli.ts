import { AGENT_CLI_PROGRAMS, type AgentCliKind, type AgentInfo, type Runtime } from '@baton/core';
import type { StepInvocation, StepResult } from '../contract.js';
import { readAgentAnswer } from './agentAnswer.js';
import { type AgentProcessExit, inheritedEnv, runAgentProcess } from './agentProcess.js';
import { type AgentRuntime, failed, messageOf, type RuntimeContext } from './agentRuntime.js';
import { preview } from './invocationPayload.js';

export interface AgentCliOptions {
  /** Between SIGTERM and SIGKILL when a step is cancelled or times out. Default 5s. */
  killGraceMs?: number;
}

/** What a CLI's output stream is read by: one per call. */
export interface CliStream {
  /** One stdout line: parsed, and what it says logged (never the raw JSON). Must not throw. */
  read(line: string): void;
  /** The process has ended: the answer's text and the session, or why the step failed. */
  end(exit: AgentProcessExit): CliOutcome;
}

export type CliOutcome =
  | { ok: true; text: string; session?: string }
  | { ok: false; error: string; text?: string; session?: string };

export interface CliCall {
  kind: AgentCliKind;
  program: string;
  args: string[];
  /** Laid over the inherited environment (the agent's `runtime.env`). */
  env?: Readonly<Record<string, string>>;
  /** Sent on stdin: a prompt too long for an argument. */
  stdin?: string;
  stream: CliStream;
}

/** One call's program, arguments, environment and stdin: what each agent CLI runtime works out. */
export type CliArgv = Omit<CliCall, 'kind' | 'stream'>;

/**
 * An agent CLI runtime from its two parts of its own: the call an invocation makes, and the
 * reader of the CLI's output stream. The rest (spawning, cancel, timeout, answer) is shared.
 */
export function agentCliRuntime<C extends CliArgv>(
  kind: AgentCliKind,
  callOf: (invocation: StepInvocation) => C,
  streamOf: (log: RuntimeContext['log'], call: C) => CliStream,
  options: AgentCliOptions,
): AgentRuntime {
  return {
    run(invocation, context) {
      const call = callOf(invocation);
      return runAgentCli(
        invocation,
        context,
        { kind, ...call, stream: streamOf(context.log, call) },
        options,
      );
    },
  };
}

const PRODUCTS: Record<AgentCliKind, string> = {
  claude: 'Claude Code',
  codex: 'the Codex CLI',
  gemini: 'the Gemini CLI',
};

/**
 * Why a real runtime cannot start its program, and the ways out: the step's failure
 * (`'claude' is not installed…`) and, naming the agent, `baton validate`'s warning beforehand
 * (`agent 'x' runs 'claude', which is not installed…`). One wording for both.
 */
export function programMissingMessage(
  program: string,
  kind: AgentCliKind | 'command',
  agent?: string,
): string {
  const remedy =
    kind === 'command'
      ? 'install it, change runtime.command'
      : `install ${PRODUCTS[kind]}, set runtime.program`;
  const subject = agent === undefined ? `'${program}' is` : `agent '${agent}' runs '${program}', which is`;
  return `${subject} not installed or not on PATH: ${remedy}, or run with --simulate (a dry run)`;
}

/**
 * A prompt longer than this goes on stdin: Linux refuses one argument over 128 KiB (E2BIG),
 * and a fan-in given many results can exceed it.
 */
export const MAX_ARG_PROMPT = 100 * 1024;

export function promptTooLongForArgv(prompt: string): boolean {
  return Buffer.byteLength(prompt) > MAX_ARG_PROMPT;
}

/** The runtime settings of an agent CLI kind; a Claude Code agent file without `runtime:` has none. */
export function cliSettings<K extends AgentCliKind>(
  invocation: StepInvocation,
  kind: K,
): Extract<Runtime, { kind: K }> {
  const runtime = invocation.definition.runtime;
  if (!runtime) return { kind } as Extract<Runtime, { kind: K }>;
  if (runtime.kind !== kind) throw new Error(`agent '${invocation.agent}' has no ${kind} runtime`);
  return runtime as Extract<Runtime, { kind: K }>;
}

/** The program to start: `runtime.program`, else the CLI's own name looked up on PATH. */
export function cliProgram(kind: AgentCliKind, settings: { program?: string | undefined }): string {
  return settings.program ?? AGENT_CLI_PROGRAMS[kind];
}

/**
 * A field of the agent definition that the registry may add from Claude Code's front matter
 * (`file`, `permission_mode`, `max_turns`, `disallowed_tools`): read without assuming it exists.
 */
export function definitionField(definition: AgentInfo, key: string): unknown {
  return (definition as unknown as Record<string, unknown>)[key];
}

/** A tool list as Claude Code's front matter writes it: a comma string or a list. */
export function toolList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((t): t is string => typeof t === 'string' && !!t.trim());
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  }
  return [];
}

/**
 * Runs one agent CLI call (docs/design.md §3.3) in the step's working folder and makes its stream a
 * result: the final text read by the one answer parser, the CLI's session kept so that a
 * revision resumes it. A CLI that is not installed fails naming the program and the way out.
 */
export async function runAgentCli(
  invocation: StepInvocation,
  context: RuntimeContext,
  call: CliCall,
  options: AgentCliOptions = {},
): Promise<StepResult> {
  const { stream } = call;
  const exit = await runAgentProcess(
    {
      program: call.program,
      args: call.args,
      cwd: invocation.workspace,
      env: { ...inheritedEnv(), ...call.env },
      ...(call.stdin !== undefined ? { stdin: call.stdin } : {}),
      killGraceMs: options.killGraceMs ?? 5000,
      onStdoutLine: (line) => {
        try {
          stream.read(line);
        } catch (error) {
          // A reader bug must not lose the line or the step.
          context.log('stdout', line);
          context.log('info', `(could not read this line: ${messageOf(error)})`);
        }
      },
    },
    context,
  );
  if (exit.spawnError) {
    if (exit.spawnError.code === 'ENOENT') {
      return failed(programMissingMessage(call.program, call.kind));
    }
    return failed(`cannot start '${call.program}': ${exit.spawnError.message}`);
  }
  if (exit.aborted) return failed(`stopped: ${messageOf(context.signal.reason)}`);
  const outcome = stream.end(exit);
  const session = outcome.session ? { session: outcome.session } : {};
  if (!outcome.ok) return { ...failed(outcome.error, outcome.text?.trim() ?? ''), ...session };
  return { ...readAgentAnswer(invocation, outcome.text), ...session };
}

/** "exited with code 1: <last stderr line>", for a CLI that ended without saying why. */
export function exitWithStderr(exit: AgentProcessExit): string {
  const why = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const last = exit.stderrTail.filter((l) => l.trim()).at(-1);
  return last ? `${why}: ${preview(last)}` : why;
}

/** A JSON object from one stream line, or null for anything else (a warning, a blank line). */
export function parseJsonLine(line: string): Record<string, unknown> | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Log a block of text as lines (a log line is one line). */
export function logText(log: RuntimeContext['log'], text: string, prefix = ''): void {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  for (const line of lines) log('stdout', `${prefix}${line}`);
}

/** A tool call in one line: `tool: Bash — npm test`. */
export function toolSummary(name: string, input: unknown): string {
  const args = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const gist =
    str(args.command) ??
    str(args.file_path) ??
    str(args.path) ??
    str(args.pattern) ??
    str(args.url) ??
    str(args.query) ??
    str(args.description) ??
    str(args.prompt);
  const detail = gist ?? (Object.keys(args).length ? JSON.stringify(args) : '');
  return `tool: ${name}${detail ? ` — ${preview(detail, 160)}` : ''}`;
}
