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
import { geminiStream } from './geminiStream.js';

/** Sent as `-p` when the prompt itself goes on stdin (Gemini CLI adds stdin to the prompt). */
const SEE_STDIN = 'Follow the instructions given on standard input.';

/**
 * The gemini runtime (docs/design.md §3.3): `gemini -p PROMPT -o stream-json [-m MODEL]
 * [--approval-mode MODE]` in the step's working folder (flags as Gemini CLI's headless docs and
 * `gemini --help` give them; approval modes default, auto_edit, yolo, plan).
 *
 * Revisions start a new session with the findings in the prompt: Gemini CLI's `--resume` takes
 * "latest" or a per-project index, which its docs do not promise maps to a session id.
 * Gemini has no system-prompt flag: the agent's own instructions open the prompt.
 */
export function createGeminiRuntime(options: AgentCliOptions = {}): AgentRuntime {
  return agentCliRuntime('gemini', geminiCall, (log) => geminiStream(log), options);
}

export type GeminiCall = CliArgv;

export function geminiCall(invocation: StepInvocation): GeminiCall {
  const settings = cliSettings(invocation, 'gemini');
  const prompt = instructedPrompt(invocation);
  const onStdin = promptTooLongForArgv(prompt);
  // The equals form: a prompt is never read as a flag, whatever it starts with.
  const args = [`--prompt=${onStdin ? SEE_STDIN : prompt}`, '--output-format=stream-json'];
  if (settings.model) args.push(`--model=${settings.model}`);
  if (settings.approval_mode) args.push(`--approval-mode=${settings.approval_mode}`);
  args.push(...(settings.args ?? []));
  const call: GeminiCall = { program: cliProgram('gemini', settings), args };
  if (settings.env) call.env = settings.env;
  if (onStdin) call.stdin = prompt;
  return call;
}
