import type { StepInvocation } from '../contract.js';
import {
  type AgentCliOptions,
  agentCliRuntime,
  type CliArgv,
  cliProgram,
  cliSettings,
  promptTooLongForArgv,
} from './agentCli.js';
import { instructedPrompt } from './agentPrompt.js';
import type { AgentRuntime } from './agentRuntime.js';
import { codexStream } from './codexStream.js';

/**
 * The codex runtime (docs/design.md §3.3): `codex exec --json --skip-git-repo-check -C DIR [-m MODEL]
 * [-s SANDBOX] PROMPT` in the step's working folder (flags as codex-rs/exec/src/cli.rs defines
 * them; `-s` is read-only, workspace-write or danger-full-access, and Codex's own default is
 * read-only). A revision resumes the step's thread: `codex exec … resume THREAD_ID PROMPT`
 * (the `resume` subcommand of `exec`, which takes a session id and a prompt; the options stay
 * before it). A prompt too long for an argument goes on stdin (`-`).
 *
 * Codex has no flag for a system prompt: the agent's own instructions open the prompt.
 */
export function createCodexRuntime(options: AgentCliOptions = {}): AgentRuntime {
  return agentCliRuntime('codex', codexCall, (log) => codexStream(log), options);
}

export type CodexCall = CliArgv;

export function codexCall(invocation: StepInvocation): CodexCall {
  const settings = cliSettings(invocation, 'codex');
  const prompt = instructedPrompt(invocation);
  const onStdin = promptTooLongForArgv(prompt);
  const args = ['exec', '--json', '--skip-git-repo-check', '-C', invocation.workspace];
  if (settings.model) args.push('-m', settings.model);
  if (settings.sandbox) args.push('-s', settings.sandbox);
  args.push(...(settings.args ?? []));
  if (invocation.session) args.push('resume', invocation.session);
  // The prompt never starts with "-" (see instructedPrompt); "-" alone reads it from stdin.
  args.push(onStdin ? '-' : prompt);
  const call: CodexCall = { program: cliProgram('codex', settings), args };
  if (settings.env) call.env = settings.env;
  if (onStdin) call.stdin = prompt;
  return call;
}
