import {
  type CliOutcome,
  type CliStream,
  exitWithStderr,
  logText,
  parseJsonLine,
  str,
  toolSummary,
} from './agentCli.js';
import type { AgentProcessExit } from './agentProcess.js';
import type { RuntimeContext } from './agentRuntime.js';
import { preview } from './invocationPayload.js';

/**
 * Claude Code's `--output-format stream-json` (NDJSON), as its docs and Agent SDK types describe
 * it: `system` (subtype `init` with `session_id`, `model`), `assistant` and `user` messages
 * (`message.content[]` of `text`, `tool_use` {name, input}, `tool_result`), then one `result`
 * {subtype: `success` | `error_max_turns` | `error_during_execution` | …, is_error, result,
 * errors?, session_id, num_turns, total_cost_usd}. `is_error` may be true with subtype
 * `success` (a failed API call, its message in `result`). Unknown types are skipped.
 */
export function claudeStream(log: RuntimeContext['log'], sessionAsked: string | undefined): CliStream {
  let session = sessionAsked;
  let result: Record<string, unknown> | null = null;
  let lastText = '';

  // A user message's text is the prompt echoed back: logged, never taken for the answer.
  const readContent = (content: unknown, assistant: boolean) => {
    if (typeof content === 'string') {
      if (assistant) lastText = content;
      logText(log, content);
      return;
    }
    if (!Array.isArray(content)) return;
    for (const block of content) {
      if (block === null || typeof block !== 'object') continue;
      const b = block as Record<string, unknown>;
      if (b.type === 'text' && typeof b.text === 'string') {
        if (assistant) lastText = b.text;
        logText(log, b.text);
      } else if (b.type === 'tool_use') {
        log('stdout', toolSummary(str(b.name) ?? 'tool', b.input));
      } else if (b.type === 'tool_result') {
        const text = toolResultText(b.content);
        log(
          'stdout',
          `${b.is_error === true ? 'tool error' : 'tool result'}: ${preview(text, 160) || '(empty)'}`,
        );
      } else if (b.type === 'thinking' && typeof b.thinking === 'string' && b.thinking.trim()) {
        log('stdout', `thinking: ${preview(b.thinking, 160)}`);
      }
    }
  };

  return {
    read(line) {
      const event = parseJsonLine(line);
      if (!event) {
        if (line.trim()) log('stdout', line);
        return;
      }
      const id = str(event.session_id);
      if (id) session = id;
      switch (event.type) {
        case 'system':
          if (event.subtype === 'init') {
            const model = str(event.model);
            log('info', `claude session ${id ?? '?'}${model ? ` (model ${model})` : ''}`);
          } else if (typeof event.subtype === 'string') log('info', `claude: ${event.subtype}`);
          return;
        case 'assistant':
        case 'user': {
          const message = event.message as { content?: unknown } | undefined;
          readContent(message?.content, event.type === 'assistant');
          return;
        }
        case 'result': {
          result = event;
          const turns = typeof event.num_turns === 'number' ? `${event.num_turns} turns` : '';
          const cost = typeof event.total_cost_usd === 'number' ? `$${event.total_cost_usd.toFixed(4)}` : '';
          const facts = [str(event.subtype), turns, cost].filter(Boolean).join(', ');
          log('info', `claude result: ${facts}${event.is_error === true ? ' (is_error)' : ''}`);
          return;
        }
        default:
          // stream_event (partial messages) and types this reader does not know: nothing to show.
          return;
      }
    },
    end(exit: AgentProcessExit): CliOutcome {
      const withSession = session ? { session } : {};
      if (!result) {
        return {
          ok: false,
          error: `claude ended without a result event (${exitWithStderr(exit)})`,
          text: lastText,
          ...withSession,
        };
      }
      const subtype = str(result.subtype) ?? 'unknown';
      const text = str(result.result) ?? '';
      if (subtype !== 'success' || result.is_error === true) {
        const errors = Array.isArray(result.errors) ? result.errors.map(errorText).filter(Boolean) : [];
        const own = [text, ...errors].filter((t) => t.trim()).join('; ');
        const what = subtype === 'success' ? 'claude reported an error' : `claude stopped: ${subtype}`;
        return { ok: false, error: own ? `${what}: ${own}` : what, text: lastText, ...withSession };
      }
      return { ok: true, text: text || lastText, ...withSession };
    },
  };
}

function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((c) => (c !== null && typeof c === 'object' ? str((c as Record<string, unknown>).text) : undefined))
    .filter((t): t is string => !!t)
    .join(' ');
}

function errorText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    return str((value as Record<string, unknown>).message) ?? JSON.stringify(value);
  }
  return '';
}
