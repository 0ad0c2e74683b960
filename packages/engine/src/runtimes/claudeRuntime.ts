import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { ClaudeRuntime } from '@baton/core';
import type { StepInvocation } from '../contract.js';
import {
  type AgentCliOptions,
  agentCliRuntime,
  type CliArgv,
  cliProgram,
  cliSettings,
  definitionField,
  promptTooLongForArgv,
  str,
  toolList,
} from './agentCli.js';
import { systemPrompt, userPrompt } from './agentPrompt.js';
import type { AgentRuntime } from './agentRuntime.js';
import { claudeStream } from './claudeStream.js';

/**
 * The claude runtime (docs/design.md §3.3): Claude Code headless,
 * `claude -p PROMPT --output-format stream-json --verbose …` in the step's working folder.
 *
 * Flags as Claude Code's CLI reference documents them (code.claude.com/docs/en/cli-reference):
 * `-p/--print`, `--output-format stream-json` (which with `-p` requires `--verbose`),
 * `--agent NAME` (run the session as that subagent: its prompt, tools and model),
 * `--append-system-prompt`, `--model`, `--allowedTools`, `--disallowedTools`,
 * `--permission-mode` (default, acceptEdits, plan, auto, dontAsk, bypassPermissions),
 * `--max-turns`, `--session-id UUID` (must be a UUID), `--resume ID`. Values go in the equals
 * form (`--resume=ID`): a value starting with "-" (an agent body opening with a list) is not read
 * as a flag, and a list flag does not swallow the next argument.
 *
 * A headless run cannot answer a permission prompt: set `permission_mode` or `allowed_tools`
 * (or the agent file's `permissionMode` / `tools`) for what the agent must do unasked.
 */
export function createClaudeRuntime(options: AgentCliOptions = {}): AgentRuntime {
  return agentCliRuntime('claude', claudeCall, (log, call) => claudeStream(log, call.session), options);
}

export interface ClaudeCall extends CliArgv {
  /** The session this call runs in: a new one, or the one it resumes. */
  session: string;
}

/** The argv of one Claude Code call for this invocation. */
export function claudeCall(invocation: StepInvocation): ClaudeCall {
  const settings = cliSettings(invocation, 'claude');
  const def = invocation.definition;
  const prompt = userPrompt(invocation);
  const onStdin = promptTooLongForArgv(prompt);
  // The prompt right after -p (it never starts with "-"); without it, -p reads it from stdin.
  const args = ['-p', ...(onStdin ? [] : [prompt]), '--output-format', 'stream-json', '--verbose'];

  const agent = visibleAgent(invocation, settings);
  let model = settings.model;
  let allowed = settings.allowed_tools ?? [];
  if (agent) {
    // Claude Code reads the file itself: its body, tools and model apply.
    args.push(`--agent=${agent}`);
  } else {
    args.push(`--append-system-prompt=${systemPrompt(invocation)}`);
    model ??= def.model;
    if (!settings.allowed_tools) allowed = toolList(def.tools);
  }
  if (model && model !== 'inherit') args.push(`--model=${model}`);
  if (allowed.length) args.push(`--allowedTools=${allowed.join(',')}`);
  const disallowed = settings.disallowed_tools ?? toolList(definitionField(def, 'disallowed_tools'));
  if (disallowed.length) args.push(`--disallowedTools=${disallowed.join(',')}`);
  const permissionMode = settings.permission_mode ?? str(definitionField(def, 'permission_mode'));
  if (permissionMode) args.push(`--permission-mode=${permissionMode}`);
  const maxTurns = settings.max_turns ?? numberField(definitionField(def, 'max_turns'));
  if (maxTurns !== undefined) args.push(`--max-turns=${maxTurns}`);

  // A new session per step; a revision goes on in the session of the round before.
  const session = invocation.session ?? randomUUID();
  args.push(invocation.session ? `--resume=${session}` : `--session-id=${session}`);
  args.push(...(settings.args ?? []));

  const call: ClaudeCall = { program: cliProgram('claude', settings), args, session };
  if (settings.env) call.env = settings.env;
  if (onStdin) call.stdin = prompt;
  return call;
}

/**
 * The name to pass as `--agent` when Claude Code can see the agent's file itself: the runtime's
 * own `agent`, else the agent's name when its file lies in the workspace's `.claude/agents` or
 * the user's `~/.claude/agents` (where Claude Code looks). Unsure (no file known): none, and
 * the body goes in as `--append-system-prompt` instead.
 */
function visibleAgent(invocation: StepInvocation, settings: ClaudeRuntime): string | null {
  if (settings.agent) return settings.agent;
  const def = invocation.definition;
  const file = str(definitionField(def, 'file'));
  if (def.source !== 'file' || !file) return null;
  const path = resolve(invocation.workspace, file);
  const folders = [join(invocation.workspace, '.claude', 'agents'), join(homedir(), '.claude', 'agents')];
  return folders.some((folder) => inside(path, folder)) ? def.name : null;
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function numberField(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}
