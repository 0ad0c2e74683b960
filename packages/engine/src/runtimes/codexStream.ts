import { type CliOutcome, type CliStream, exitWithStderr, logText, parseJsonLine, str } from './agentCli.js';
import type { AgentProcessExit } from './agentProcess.js';
import type { RuntimeContext } from './agentRuntime.js';
import { preview } from './invocationPayload.js';

type Json = Record<string, unknown>;

/**
 * `codex exec --json` (JSONL), as codex-rs/exec/src/exec_events.rs defines it: `thread.started`
 * {thread_id}, `turn.started`, `item.started|updated|completed` {item: {id, type, …}} with items
 * `agent_message` {text}, `reasoning` {text}, `command_execution` {command, aggregated_output,
 * exit_code, status}, `file_change` {changes[{path, kind}]}, `mcp_tool_call` {server, tool},
 * `web_search` {query}, `todo_list` {items}, `error` {message} (non-fatal); `turn.completed`
 * {usage}, `turn.failed` {error: {message}}, and `error` {message} (unrecoverable). The answer is
 * the last completed `agent_message`. (Early releases named the item's kind `item_type` and the
 * message `assistant_message`: read too.)
 */
export function codexStream(log: RuntimeContext['log']): CliStream {
  let session: string | undefined;
  let answer: string | null = null;
  let failure: string | null = null;

  const completed = (item: Json) => {
    const kind = str(item.type) ?? str(item.item_type);
    switch (kind) {
      case 'agent_message':
      case 'assistant_message': {
        const text = str(item.text) ?? '';
        answer = text;
        logText(log, text);
        return;
      }
      case 'reasoning':
        if (str(item.text)?.trim()) log('stdout', `thinking: ${preview(str(item.text) ?? '', 160)}`);
        return;
      case 'command_execution': {
        const code = typeof item.exit_code === 'number' ? ` (exit ${item.exit_code})` : '';
        log(
          'stdout',
          `command ${str(item.status) ?? 'done'}${code}: ${preview(str(item.command) ?? '', 160)}`,
        );
        return;
      }
      case 'file_change': {
        const changes = Array.isArray(item.changes) ? (item.changes as Json[]) : [];
        const list = changes.map((c) => `${str(c.kind) ?? 'change'} ${str(c.path) ?? '?'}`).join(', ');
        log('stdout', `files: ${list || '(none)'}`);
        return;
      }
      case 'mcp_tool_call':
        log(
          'stdout',
          `tool: ${str(item.server) ?? '?'}.${str(item.tool) ?? '?'} ${str(item.status) ?? ''}`.trim(),
        );
        return;
      case 'web_search':
        log('stdout', `search: ${str(item.query) ?? ''}`);
        return;
      case 'error':
        log('stderr', `codex: ${str(item.message) ?? 'error'}`);
        return;
      default:
        return;
    }
  };

  return {
    read(line) {
      const event = parseJsonLine(line);
      if (!event) {
        if (line.trim()) log('stdout', line);
        return;
      }
      const item = event.item !== null && typeof event.item === 'object' ? (event.item as Json) : null;
      switch (event.type) {
        case 'thread.started':
          session = str(event.thread_id) ?? session;
          log('info', `codex thread ${session ?? '?'}`);
          return;
        case 'item.started':
          if (item && (str(item.type) ?? str(item.item_type)) === 'command_execution') {
            log('stdout', `tool: shell — ${preview(str(item.command) ?? '', 160)}`);
          }
          return;
        case 'item.completed':
          if (item) completed(item);
          return;
        case 'turn.failed': {
          const error = event.error as Json | undefined;
          failure = str(error?.message) ?? 'the turn failed';
          log('stderr', `codex: turn failed: ${failure}`);
          return;
        }
        case 'error':
          failure = str(event.message) ?? 'error';
          log('stderr', `codex: ${failure}`);
          return;
        case 'turn.completed': {
          const usage = event.usage as Json | undefined;
          const tokens = ['input_tokens', 'output_tokens']
            .map((k) => (typeof usage?.[k] === 'number' ? `${usage[k]} ${k.replace('_tokens', '')}` : ''))
            .filter(Boolean)
            .join(', ');
          log('info', `codex turn completed${tokens ? ` (${tokens} tokens)` : ''}`);
          return;
        }
        default:
          return;
      }
    },
    end(exit: AgentProcessExit): CliOutcome {
      const withSession = session ? { session } : {};
      if (failure) return { ok: false, error: `codex: ${failure}`, text: answer ?? '', ...withSession };
      if (exit.code !== 0) {
        return { ok: false, error: `codex ${exitWithStderr(exit)}`, text: answer ?? '', ...withSession };
      }
      if (answer === null) {
        return { ok: false, error: 'codex finished without an agent message', ...withSession };
      }
      return { ok: true, text: answer, ...withSession };
    },
  };
}
